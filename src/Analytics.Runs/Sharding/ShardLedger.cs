using System.Globalization;
using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;
using Analytics.Runs.State;
using Analytics.Vision.Detection;

namespace Analytics.Runs.Sharding;

/// <summary>Builds a shard's <see cref="ShardRecord"/> (what its run covered) and reads it back as run outcomes.</summary>
internal static class ShardLedger
{
    /// <summary>The record written when a shard's run starts: no input covered yet, not finished.</summary>
    public static ShardRecord Started(
        ShardSpec shard, Job job, DetectorDescription model, AnalysisOptions analysis, ExecutionOptions execution, string auditLog, DateTimeOffset listed,
        IReadOnlyDictionary<string, DetectorDescription>? cameraModels = null) => new(
        shard.Index,
        shard.Count,
        shard.Batch,
        job.Sha256,
        listed.UtcTicks,
        null,
        Record(model),
        analysis.AnalysisFps,
        analysis.Threshold,
        analysis.CheckpointMinutes,
        execution.Workers,
        Path.GetFullPath(auditLog),
        [])
    {
        CameraModels = (cameraModels ?? new Dictionary<string, DetectorDescription>()).ToDictionary(p => p.Key, p => Record(p.Value), StringComparer.Ordinal),
        MotionGate = MotionGateText.Of(analysis.MotionGate),
    };

    /// <summary>The record of a finished run: <paramref name="listed"/> are the outcomes of the inputs it was given.</summary>
    public static ShardRecord Finished(ShardRecord started, IEnumerable<FileOutcome> listed) => started with
    {
        Finished = DateTimeOffset.Now.ToString("O", CultureInfo.InvariantCulture),
        Inputs = listed.OrderBy(f => f.RecordingStart).ThenBy(f => f.Path, StringComparer.Ordinal).Select(f => new ShardInputRecord(
            f.CameraId, f.Path, f.RecordingStart.UtcTicks, (int)f.RecordingStart.Offset.TotalMinutes, (int)f.Status, f.Sha256, f.Error, (int)f.FailureKind, f.FromState,
            f.FramesDecoded, f.FramesAnalysed, f.FramesResumed, f.ResumedFrom?.TotalSeconds, f.WallSeconds, f.AnalysedSeconds)).ToArray(),
    };

    public static DetectorDescription Model(ShardRecord record) => Description(record.Model);

    /// <summary>The cameras a shard analysed with their own model, by id.</summary>
    public static Dictionary<string, DetectorDescription> CameraModels(ShardRecord record) =>
        (record.CameraModels ?? []).ToDictionary(p => p.Key, p => Description(p.Value), StringComparer.Ordinal);

    /// <summary>The model each camera of <paramref name="job"/> was analysed with in a shard's run (the SHA-256 of its file).</summary>
    public static Func<CameraJob, string> ModelSha256Of(ShardRecord record) =>
        camera => record.CameraModels?.GetValueOrDefault(camera.Id)?.Sha256 ?? record.Model.Sha256;

    private static ShardModelRecord Record(DetectorDescription model) =>
        new(model.Id, model.File, model.Sha256, model.InputSize, model.Layout, model.Provider, model.Licence, model.NmsIoUThreshold, model.ManifestPath, model.ManifestSha256);

    private static DetectorDescription Description(ShardModelRecord model) => new(
        model.Id, model.File, model.Sha256, model.InputSize, model.Layout, model.Provider, model.Licence, model.NmsIoUThreshold)
    {
        ManifestPath = model.ManifestPath,
        ManifestSha256 = model.ManifestSha256,
    };

    public static AnalysisOptions Analysis(ShardRecord record) => new()
    {
        AnalysisFps = record.AnalysisFps,
        Threshold = record.Threshold,
        CheckpointMinutes = record.CheckpointMinutes,
        Model = record.Model.Id,
        MotionGate = record.MotionGate == MotionGateText.Of(MotionGateMode.Off) ? MotionGateMode.Off : MotionGateMode.On,
    };

    public static DateTimeOffset Start(ShardInputRecord input) =>
        new DateTimeOffset(input.StartUtcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(input.StartOffsetMinutes));

    public static string Listed(ShardRecord record) => new DateTimeOffset(record.ListedUtcTicks, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture);
}

using System.Text.Json.Nodes;
using Analytics.Runs.Dataset;
using Analytics.Runs.Jobs;
using Analytics.Runs.Sharding;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.Sharding;

/// <summary>
/// Shards of a job over a folder of synthetic recordings (camera "room", a glob over <c>archive/**</c>), each run as
/// the engine would run it, with its own state folder, and merged; and the one run over the whole job they must equal.
/// </summary>
internal sealed class ShardRuns : IDisposable
{
    /// <summary>Fields of run.json that say how the work was carried out, not what it found: they differ between a merge and one run.</summary>
    private static readonly string[] ExecutionFields =
        ["timing", "settings.workers", "settings.state_directory", "totals.analysed_in_this_run", "totals.frames_analysed", "merged_from"];

    private static readonly string[] ExecutionFieldsOfInputs = ["wall_seconds", "analysed_in_this_run", "resumed_from_seconds"];

    public ShardRuns()
    {
        Directory.CreateDirectory(Archive);
        Job = JobFiles.Write(Harness.Folder.Path, SyntheticCameras.RoomGlob("archive/**/*.mp4"));
    }

    public RunHarness Harness { get; } = new(WalkingScene.Every(TimeSpan.FromSeconds(7), SyntheticCameras.Morning.AddSeconds(1), count: 200));

    public string Archive => Harness.Folder["archive"];

    public string Job { get; }

    /// <summary>Writes a 12-second recording named by its start (yyyy-MM-dd_HHmm) into the archive; <paramref name="shade"/> makes its content its own.</summary>
    public string Record(string name, int shade) => SyntheticVideo.Write(Path.Combine(Archive, name), seconds: 12, shade: shade);

    public string StateOf(int index) => Harness.Folder[$"states/s{index}"];

    public RunRequest ShardRequest(ShardSpec shard, float threshold = 0.35f, MotionGateMode gate = MotionGateMode.On) =>
        Harness.Request(Job, analysis: new Analytics.Runs.Jobs.AnalysisOptions { AnalysisFps = 3, Threshold = threshold, MotionGate = gate }) with
    {
        OutputDirectory = null,
        Shard = shard,
        Execution = new Analytics.Runs.Jobs.ExecutionOptions { SettleSeconds = 0, StateDirectory = StateOf(shard.Index) },
        AuditLogPath = null,
    };

    public async Task<HarnessRun> ShardAsync(
        ShardSpec shard, Action<Vision.Video.FrameTime>? beforeDetect = null, MotionGateMode gate = MotionGateMode.On, CancellationToken cancellationToken = default) =>
        await Harness.RunAsync(ShardRequest(shard, gate: gate), beforeDetect, cancellationToken: cancellationToken);

    /// <summary>Runs shards 0 to N-1 of one batch, one after the other.</summary>
    public async Task AllShardsAsync(int count, string? batch = null, MotionGateMode gate = MotionGateMode.On)
    {
        for (var k = 0; k < count; k++)
        {
            var run = await ShardAsync(new ShardSpec(k, count) { Batch = batch }, gate: gate);
            Assert.True(run.Outcome == RunOutcome.Succeeded, run.LogText);
        }
    }

    public async Task<(RunResult Result, CollectingLogSink Log)> MergeAsync(IEnumerable<int> shards, string output = "merged", bool allowPartial = false, OutputLayout layout = OutputLayout.Flat)
    {
        var sink = new CollectingLogSink();
        var request = new MergeRequest(Job, shards.Select(StateOf).ToList(), Harness.Folder[output]) { AllowPartial = allowPartial, Layout = layout, ExitCodeOf = RunHarness.CodeOf };
        return (await ShardMerge.MergeAsync(request, sink.Logger(), CancellationToken.None), sink);
    }

    /// <summary>One run over the whole job, without state: what the merge must equal.</summary>
    public async Task<RunResult> OneRunAsync(string output = "one", OutputLayout layout = OutputLayout.Flat, MotionGateMode gate = MotionGateMode.On) =>
        (await Harness.RunAsync(Harness.Request(Job, output, analysis: new Analytics.Runs.Jobs.AnalysisOptions { AnalysisFps = 3, MotionGate = gate }) with { Layout = layout })).Result;

    /// <summary>Every file of an output folder but the audit log and run.json, by path, byte for byte.</summary>
    public Dictionary<string, byte[]> Dataset(string output)
    {
        var root = Harness.Folder[output];
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is not ("audit.jsonl" or "run.json"))
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes, StringComparer.Ordinal);
    }

    /// <summary>run.json without the fields that describe how the work was carried out (timings, workers, state folder, shards).</summary>
    public string ReportWithoutExecution(string output)
    {
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(Harness.Folder[output], "run.json")))!.AsObject();
        foreach (var field in ExecutionFields)
        {
            var (parent, name) = field.Split('.') is [var outer, var inner] ? (report[outer]!.AsObject(), inner) : (report, field);
            parent.Remove(name);
        }

        foreach (var input in report["inputs"]!.AsArray())
        {
            foreach (var field in ExecutionFieldsOfInputs)
            {
                input!.AsObject().Remove(field);
            }
        }

        return report.ToJsonString();
    }

    public void Dispose() => Harness.Dispose();
}

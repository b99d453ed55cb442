using System.Globalization;
using System.Text.Json.Nodes;
using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;
using Analytics.Vision.Detection;

namespace Analytics.Runs.Compliance;

/// <summary>The audit log's entries for a run: who ran what, when, for which declared purpose, on which inputs, with which result.</summary>
internal static class AuditEntries
{
    /// <summary>
    /// The entry written before a run analyses anything; <paramref name="cameraModels"/> are the cameras analysed with
    /// another model than the run's <paramref name="model"/> (their job says so), recorded with theirs.
    /// </summary>
    public static JsonObject Started(
        Job job, DetectorDescription model, AnalysisOptions analysis, ExecutionOptions execution, string? outputDirectory, IReadOnlyDictionary<string, DetectorDescription>? cameraModels = null) => new()
    {
        ["event"] = "started",
        ["time"] = Now(),
        ["operator"] = Environment.UserName,
        ["host"] = Environment.MachineName,
        ["purpose"] = job.Purpose,
        ["legal_basis"] = job.LegalBasis,
        ["controller"] = job.Controller,
        ["decision_reference"] = job.DecisionReference,
        ["job"] = job.SourcePath,
        ["job_sha256"] = job.Sha256,
        ["model"] = model.Id,
        ["model_sha256"] = model.Sha256,
        ["model_manifest"] = model.ManifestPath,
        ["model_manifest_sha256"] = model.ManifestSha256,
        ["camera_models"] = new JsonObject((cameraModels ?? new Dictionary<string, DetectorDescription>()).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonObject { ["model"] = p.Value.Id, ["model_sha256"] = p.Value.Sha256 }))),
        ["settings"] = new JsonObject
        {
            ["analysis_fps"] = analysis.AnalysisFps,
            ["workers"] = execution.Workers,
            ["threshold"] = analysis.Threshold,
            ["motion_gate"] = MotionGateText.Of(analysis.MotionGate),
            ["retention_days"] = job.RetentionDays,
            ["suppress_below"] = job.SuppressBelow,
        },
        ["retention_override"] = job.RetentionOverrideReason,
        ["inputs"] = new JsonArray(job.Cameras.SelectMany(c => c.Inputs).Select(i => (JsonNode)JsonValue.Create(i.Path)).ToArray()),
        ["output"] = outputDirectory,
    };

    public static JsonObject Finished(Job job, AnalysisResult result, IReadOnlyList<OutputFile> outputs, int? exitCode) => new()
    {
        ["event"] = "finished",
        ["time"] = Now(),
        ["operator"] = Environment.UserName,
        ["host"] = Environment.MachineName,
        ["job_sha256"] = job.Sha256,
        ["inputs"] = new JsonArray(result.Files.Where(f => !f.FromState).Select(f => (JsonNode)new JsonObject
        {
            ["path"] = f.Path,
            ["sha256"] = f.Sha256,
            ["status"] = InputStatusText.Of(f.Status),
            ["error"] = f.Error,
        }).ToArray()),
        ["outputs"] = new JsonArray(outputs.Select(o => (JsonNode)new JsonObject { ["file"] = o.File, ["sha256"] = o.Sha256 }).ToArray()),
        ["exit_code"] = exitCode,
    };

    public static JsonObject Ended(Job job, string @event, string reason, int? exitCode) => new()
    {
        ["event"] = @event,
        ["time"] = Now(),
        ["operator"] = Environment.UserName,
        ["host"] = Environment.MachineName,
        ["job_sha256"] = job.Sha256,
        ["reason"] = reason,
        ["exit_code"] = exitCode,
    };

    private static string Now() => DateTimeOffset.Now.ToString("O", CultureInfo.InvariantCulture);
}

using System.Text.Json;
using Analytics.Runs.Jobs;
using Analytics.Tests.Shared;
using Analytics.Vision.Detection;
using Analytics.Vision.Video;

namespace Analytics.Runs.Tests.Support;

/// <summary>
/// Runs the orchestrator as a front end does, in a folder of its own, with scripted detectors playing a
/// <see cref="WalkingScene"/>: no settling delay (the clips are written moments before), the audit log in the
/// folder (not in the output), and what the run logged and reported kept for the test.
/// </summary>
internal sealed class RunHarness : IDisposable
{
    /// <summary>The files of the dataset a run writes: each table as CSV and Parquet, in the order run.json lists them, then schema.json.</summary>
    public static readonly string[] Datasets =
        ["counts.csv", "counts.parquet", "occupancy.csv", "occupancy.parquet", "od.csv", "od.parquet", "coverage.csv", "coverage.parquet", "schema.json"];

    public RunHarness(WalkingScene? scene = null)
    {
        Scene = scene ?? WalkingScene.Empty;
    }

    public TemporaryFolder Folder { get; } = new("analytics-runs-");

    /// <summary>What the scripted detectors see; may be changed between runs.</summary>
    public WalkingScene Scene { get; set; }

    /// <summary>Sessions of the scripted pool: several, so that frames come back out of order as with the real one.</summary>
    public int Sessions { get; set; } = 3;

    public string AuditLog => Folder["audit.jsonl"];

    public string State => Folder["state"];

    /// <summary>The code this harness's "front end" reports for an outcome (recorded in the audit log): 100 + its number.</summary>
    public static int CodeOf(RunOutcome outcome) => 100 + (int)outcome;

    /// <summary>
    /// A request for <paramref name="job"/> into <paramref name="output"/> (relative to the folder), with the state folder
    /// when asked; analysed at 5 fps unless <paramref name="analysis"/> says otherwise.
    /// </summary>
    public RunRequest Request(string job, string output = "out", bool withState = false, AnalysisOptions? analysis = null, int workers = 1) =>
        new(job, Folder[output])
        {
            Analysis = analysis ?? new AnalysisOptions { AnalysisFps = 5 },
            Execution = new ExecutionOptions { Workers = workers, SettleSeconds = 0, StateDirectory = withState ? State : null },
            AuditLogPath = AuditLog,
            ExitCodeOf = CodeOf,
        };

    /// <summary>
    /// Runs <paramref name="request"/>; <paramref name="beforeDetect"/> is called before each frame is detected, and
    /// <paramref name="loadDetectors"/>, when given, replaces the scripted pool.
    /// </summary>
    public async Task<HarnessRun> RunAsync(
        RunRequest request,
        Action<FrameTime>? beforeDetect = null,
        Func<RunRequest, IDetectorPool>? loadDetectors = null,
        CollectingProgress? progress = null,
        CancellationToken cancellationToken = default)
    {
        var sink = new CollectingLogSink();
        progress ??= new CollectingProgress(wantsEstimate: true);
        ScriptedDetectorPool? pool = null;
        var scene = Scene;
        var orchestrator = new RunOrchestrator(loadDetectors ?? (_ => pool = new ScriptedDetectorPool(scene.At, Sessions) { BeforeDetect = beforeDetect }));
        var result = await orchestrator.RunAsync(request, progress, sink.Logger(), cancellationToken);
        return new HarnessRun(result, sink, progress, pool);
    }

    /// <summary>The CSV datasets of an output folder, byte for byte.</summary>
    public Dictionary<string, byte[]> ReadDatasets(string output = "out") => Datasets.ToDictionary(d => d, d => File.ReadAllBytes(Path.Combine(Folder[output], d)));

    /// <summary>The inputs of an output folder's run.json, by file name.</summary>
    public Dictionary<string, ReportedInput> ReadInputs(string output = "out") => ReadInputList(output).ToDictionary(i => i.Name, i => i.Input, StringComparer.Ordinal);

    /// <summary>The inputs of an output folder's run.json by file name, in the order it lists them.</summary>
    public List<(string Name, ReportedInput Input)> ReadInputList(string output = "out")
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder[output], "run.json")));
        return report.RootElement.GetProperty("inputs").EnumerateArray()
            .Select(i => (Path.GetFileName(i.GetProperty("path").GetString()!),
                new ReportedInput(i.GetProperty("status").GetString()!, i.GetProperty("error").GetString(), i.GetProperty("analysed_in_this_run").GetBoolean())))
            .ToList();
    }

    public void Dispose() => Folder.Dispose();
}

/// <summary>One input as run.json reports it.</summary>
internal sealed record ReportedInput(string Status, string? Error, bool ThisRun);

/// <summary>What one run returned, logged and reported.</summary>
internal sealed record HarnessRun(RunResult Result, CollectingLogSink Log, CollectingProgress Progress, ScriptedDetectorPool? Detectors)
{
    public RunOutcome Outcome => Result.Outcome;

    /// <summary>Every message the run logged, one per line.</summary>
    public string LogText => Log.Text;
}

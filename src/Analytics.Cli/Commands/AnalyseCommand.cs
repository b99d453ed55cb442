using System.CommandLine;
using Analytics.Cli.Host;
using Analytics.Cli.Logging;
using Analytics.Runs;
using Analytics.Runs.Compliance;
using Analytics.Runs.Dataset;
using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;
using Analytics.Runs.Pipeline;
using Analytics.Runs.Sharding;
using Analytics.Vision.Detection;
using Serilog;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics analyse --job JOB --out DIR</c>: the product's main job.</summary>
internal static class AnalyseCommand
{
    public static Command Create()
    {
        var job = new Option<FileInfo>("--job") { Description = "Job file (JSON): purpose, legal basis, controller, decision, cameras, inputs, lines, zones", Required = true };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder: counts, occupancy, od, coverage (.csv and .parquet), schema.json and run.json (required, except for a shard: its work goes to its state, for the merge)" };
        var fps = new Option<double>("--analysis-fps") { Description = "Frames per second analysed (capped at each file's rate); lower is faster, higher is more accurate", DefaultValueFactory = _ => 10 };
        var workers = new Option<int>("--workers") { Description = "Files analysed side by side (default: 1 per core)", DefaultValueFactory = _ => ExecutionOptions.DefaultWorkers(Environment.ProcessorCount) };
        var model = new Option<string?>("--model") { Description = "Model id or file from models/models.json, for the cameras whose job names none (default: the manifest's default)" };
        var threshold = new Option<float>("--threshold") { Description = "Detection confidence that starts and leads a track, in (0.1, 1]", DefaultValueFactory = _ => 0.35f };
        var provider = new Option<ExecutionProvider>("--provider") { Description = "Inference on cpu, cuda (GPU build of ONNX Runtime), or auto", DefaultValueFactory = _ => ExecutionProvider.Cpu };
        var progress = new Option<ProgressMode>("--progress") { Description = "Live progress bars: auto (on a terminal), on, off", DefaultValueFactory = _ => ProgressMode.Auto };
        var settle = new Option<double>("--settle-seconds") { Description = "Refuse inputs modified less than this many seconds ago (still being written)", DefaultValueFactory = _ => 60 };
        var audit = new Option<FileInfo?>("--audit-log") { Description = "Append-only, hash-chained audit log (default: audit.jsonl in the output folder)" };
        var state = new Option<DirectoryInfo?>("--state") { Description = "State folder for scheduled runs: analyse only what is new, resume after a crash, one run at a time; the outputs hold every input analysed so far" };
        var reanalyse = new Option<bool>("--reanalyse") { Description = "With --state: when a camera's lines, zones or masks, the model or the settings changed, analyse its inputs again (the old results are retired)" };
        var gate = CliRuns.MotionGateOption();
        var checkpoint = new Option<double>("--checkpoint-minutes") { Description = "Minutes of footage per checkpoint window: a crash loses at most one window of a long file", DefaultValueFactory = _ => 10 };
        var shard = new Option<ShardSpec?>("--shard")
        {
            Description = "Analyse only shard K/N (K from 0) of the job's inputs, recording the work in --state for 'merge'; 'auto' reads K and N from a Slurm array or a Kubernetes Indexed Job",
            CustomParser = ParseShard,
        };
        var layout = CliRuns.LayoutOption();
        var command = new Command("analyse", "Analyse the recordings of a job file and write statistics (CSV, Parquet, run.json)")
        {
            job, output, fps, workers, model, threshold, provider, progress, settle, audit, state, reanalyse, checkpoint, shard, layout, gate,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse,
            new RunRequest(parse.GetValue(job)!.FullName, parse.GetValue(output)?.FullName)
            {
                Analysis = new AnalysisOptions
                {
                    AnalysisFps = parse.GetValue(fps),
                    Threshold = parse.GetValue(threshold),
                    Model = parse.GetValue(model),
                    CheckpointMinutes = parse.GetValue(checkpoint),
                    MotionGate = parse.GetValue(gate),
                },
                Execution = new ExecutionOptions
                {
                    Workers = parse.GetValue(workers),
                    Provider = parse.GetValue(provider),
                    SettleSeconds = parse.GetValue(settle),
                    StateDirectory = parse.GetValue(state)?.FullName,
                },
                AuditLogPath = parse.GetValue(audit)?.FullName,
                Reanalyse = parse.GetValue(reanalyse),
                ExitCodeOf = ExitCodes.Of,
                Shard = parse.GetValue(shard),
                Layout = parse.GetValue(layout),
            },
            parse.GetValue(progress),
            cancellationToken));
        return command;
    }

    /// <summary>K/N, or auto: the shard from the engine's environment (Slurm array, Kubernetes Indexed Job).</summary>
    private static ShardSpec? ParseShard(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        var shard = text == "auto" ? ShardSpec.FromEnvironment(Environment.GetEnvironmentVariable, out var problem) : ShardSpec.Parse(text, out problem);
        if (shard is null)
        {
            result.AddError($"--shard: {problem}");
        }

        return shard;
    }

    private static async Task<int> RunAsync(ParseResult parse, RunRequest request, ProgressMode progressMode, CancellationToken cancellationToken)
    {
        var logFormat = parse.GetValue(GlobalOptions.LogFormat);
        using var log = AppLogging.Create(logFormat, parse.InvocationConfiguration.Error);
        var orchestrator = CliRuns.Orchestrator(parse, log);
        // Live bars own the terminal while they run: only warnings and errors are logged over them.
        var live = progressMode == ProgressMode.On || (progressMode == ProgressMode.Auto && logFormat == LogFormat.Text && !Console.IsErrorRedirected);
        RunResult result;
        if (live)
        {
            using var quiet = new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Logger(log).CreateLogger();
            result = await LiveProgress.RunAsync(p => orchestrator.RunAsync(request, p, quiet, cancellationToken));
        }
        else
        {
            result = await orchestrator.RunAsync(request, progressMode == ProgressMode.Off ? NoProgress.Instance : new LoggedProgress(log), log, cancellationToken);
        }

        foreach (var problem in result.SettingProblems)
        {
            log.Error("{Option:l}: {Problem:l}", CliRuns.OptionFor(problem), problem.Message);
        }

        Advise(log, result.Advice, request);
        if (result.Analysis is { } analysis && result.Outcome is RunOutcome.Succeeded or RunOutcome.CompletedWithFailures)
        {
            PrintSummary(parse.InvocationConfiguration.Output, analysis, request, result.CountsSuppressed);
        }

        return ExitCodes.Of(result.Outcome);
    }

    /// <summary>What to do next, in this front end's words (its commands and options).</summary>
    private static void Advise(ILogger log, RunAdvice advice, RunRequest request)
    {
        if (advice.HasFlag(RunAdvice.Reanalyse))
        {
            log.Error("Re-run with --reanalyse to analyse the job's inputs again with the current settings (the old results are retired), or use a new --state folder.");
        }

        if (advice.HasFlag(RunAdvice.InstallModels))
        {
            log.Error("Install the models with ./analytics models install (or ./setup.sh), or point --models-dir at an installed models folder.");
        }

        if (advice.HasFlag(RunAdvice.VerifyAuditLog))
        {
            log.Error("Check the audit log with ./analytics audit verify {AuditLog}; if only its last line was torn by a crash or power cut, ./analytics audit repair {AuditLog} keeps the torn bytes aside and records the repair; otherwise restore it from a copy.", request.AuditLog, request.AuditLog);
        }
    }

    private static void PrintSummary(TextWriter output, AnalysisResult result, RunRequest request, bool countsSuppressed)
    {
        var now = result.Files.Where(f => !f.FromState).ToList();
        var ok = now.Where(f => f.Contributes).ToList();
        var frames = now.Sum(f => f.FramesAnalysedThisRun);
        var fps = result.Wall.TotalSeconds > 0 ? frames / result.Wall.TotalSeconds : 0;
        output.WriteLine(now.Count == 0
            ? "Nothing new to analyse."
            : FormattableString.Invariant(
                $"Analysed {ok.Count(f => f.Succeeded)} of {now.Count} file(s){(ok.Any(f => !f.Succeeded) ? $" and {ok.Count(f => !f.Succeeded)} up to a decoding failure" : "")}: {frames} frames, {ok.Sum(f => f.AnalysedSeconds):0.#} s of footage, in {result.Wall.TotalSeconds:0.#} s ({fps:0.#} fps)."));
        foreach (var resumed in ok.Where(f => f.ResumedFrom is not null))
        {
            output.WriteLine(FormattableString.Invariant($"  {resumed.Path}: resumed at {resumed.ResumedFrom:hh\\:mm\\:ss} from an earlier run's checkpoint"));
        }

        var earlier = result.Files.Count(f => f.FromState && f.Contributes);
        if (earlier > 0)
        {
            output.WriteLine($"  {earlier} file(s) analysed in earlier runs are in the statistics too (state)");
        }

        foreach (var camera in result.Files.Where(f => f.Contributes).GroupBy(f => f.CameraId))
        {
            output.WriteLine(countsSuppressed
                ? $"  camera {camera.Key}: {camera.Count()} file(s) (counts only in the outputs: small cells are suppressed)"
                : $"  camera {camera.Key}: {camera.Sum(f => f.Crossings)} line crossing(s) in {camera.Count()} file(s)");
        }

        foreach (var failed in result.Files.Where(f => !f.Succeeded))
        {
            var what = failed.Status == InputStatus.Partial ? "FAILED PART-WAY" : "FAILED";
            output.WriteLine($"  {(failed.FromState ? $"{what} EARLIER" : what)} {failed.Path}: {failed.Error}");
        }

        if (request.OutputDirectory is { } outputDirectory)
        {
            output.WriteLine(request.Layout == OutputLayout.Partitioned
                ? $"Outputs in {outputDirectory}: counts, occupancy, od, coverage (partitioned Parquet), schema.json, run.json"
                : $"Outputs in {outputDirectory}: counts, occupancy, od, coverage (.csv and .parquet), schema.json, run.json");
        }

        if (request.Shard is { } shard)
        {
            output.WriteLine($"Shard {shard}: its work is recorded in {request.Execution.StateDirectory}; merge the shards' states with 'analytics merge'");
        }
    }
}

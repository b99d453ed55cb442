using System.CommandLine;
using Analytics.Cli.Analysis;
using Analytics.Cli.Compliance;
using Analytics.Cli.Jobs;
using Analytics.Cli.Logging;
using Analytics.Cli.State;
using Analytics.Vision.Detection;
using Analytics.Vision.Models;
using Analytics.Vision.Video;
using Serilog;

namespace Analytics.Cli.Commands;

/// <summary>When to draw live progress bars.</summary>
internal enum ProgressMode
{
    /// <summary>Bars on an interactive terminal with text logs, periodic log lines otherwise.</summary>
    Auto,

    /// <summary>Always bars.</summary>
    On,

    /// <summary>No progress output; start and end are still logged.</summary>
    Off,
}

/// <summary><c>analytics analyse --job JOB --out DIR</c>: the product's main job.</summary>
internal static class AnalyseCommand
{
    public static Command Create()
    {
        var job = new Option<FileInfo>("--job") { Description = "Job file (JSON): purpose, legal basis, controller, decision, cameras, inputs, lines, zones", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder: counts, occupancy, od, coverage (.csv and .parquet) and run.json", Required = true };
        var fps = new Option<double>("--analysis-fps") { Description = "Frames per second analysed (capped at each file's rate); lower is faster, higher is more accurate", DefaultValueFactory = _ => 10 };
        var workers = new Option<int>("--workers") { Description = "Files analysed side by side (default: 1 per 4 cores, at least 1)", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount / 4) };
        var model = new Option<string?>("--model") { Description = "Model id or file from models/models.json (default: the manifest's default)" };
        var threshold = new Option<float>("--threshold") { Description = "Detection confidence that starts and leads a track, in (0.1, 1]", DefaultValueFactory = _ => 0.35f };
        var provider = new Option<ExecutionProvider>("--provider") { Description = "Inference on cpu, cuda (GPU build of ONNX Runtime), or auto", DefaultValueFactory = _ => ExecutionProvider.Cpu };
        var progress = new Option<ProgressMode>("--progress") { Description = "Live progress bars: auto (on a terminal), on, off", DefaultValueFactory = _ => ProgressMode.Auto };
        var settle = new Option<double>("--settle-seconds") { Description = "Refuse inputs modified less than this many seconds ago (still being written)", DefaultValueFactory = _ => 60 };
        var audit = new Option<FileInfo?>("--audit-log") { Description = "Append-only, hash-chained audit log (default: audit.jsonl in the output folder)" };
        var state = new Option<DirectoryInfo?>("--state") { Description = "State folder for scheduled runs: analyse only what is new, resume after a crash, one run at a time; the outputs hold every input analysed so far" };
        var reanalyse = new Option<bool>("--reanalyse") { Description = "With --state: when a camera's lines, zones or masks, the model or the settings changed, analyse its inputs again (the old results are retired)" };
        var checkpoint = new Option<double>("--checkpoint-minutes") { Description = "Minutes of footage per checkpoint window: a crash loses at most one window of a long file", DefaultValueFactory = _ => 10 };
        var command = new Command("analyse", "Analyse the recordings of a job file and write statistics (CSV, Parquet, run.json)")
        {
            job, output, fps, workers, model, threshold, provider, progress, settle, audit, state, reanalyse, checkpoint,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse,
            parse.GetValue(job)!.FullName,
            parse.GetValue(output)!.FullName,
            new AnalysisSettings
            {
                AnalysisFps = parse.GetValue(fps),
                Workers = parse.GetValue(workers),
                Threshold = parse.GetValue(threshold),
                Model = parse.GetValue(model),
                Provider = parse.GetValue(provider),
                SettleSeconds = parse.GetValue(settle),
                CheckpointMinutes = parse.GetValue(checkpoint),
                StateDirectory = parse.GetValue(state)?.FullName,
            },
            parse.GetValue(progress),
            parse.GetValue(audit)?.FullName,
            parse.GetValue(reanalyse),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, string jobPath, string outputDirectory, AnalysisSettings settings, ProgressMode progressMode, string? auditLog, bool reanalyse, CancellationToken cancellationToken)
    {
        var logFormat = parse.GetValue(GlobalOptions.LogFormat);
        using var log = AppLogging.Create(logFormat, parse.InvocationConfiguration.Error);
        var problems = settings.Validate().ToList();
        if (reanalyse && settings.StateDirectory is null)
        {
            problems.Add("--reanalyse: only has a meaning with --state");
        }

        if (problems.Count > 0)
        {
            problems.ForEach(p => log.Error("{Problem:l}", p));
            return ExitCodes.InvalidInput;
        }

        Job job;
        try
        {
            job = JobLoader.Load(jobPath);
        }
        catch (JobException e)
        {
            log.Error("Job file {Job} is invalid; nothing was run ({Count} problem(s)):", jobPath, e.Problems.Count);
            foreach (var problem in e.Problems)
            {
                log.Error("  {Problem:l}", problem);
            }

            return ExitCodes.InvalidInput;
        }

        StateLock? stateLock = null;
        if (settings.StateDirectory is { } stateDirectory)
        {
            try
            {
                stateLock = StateLock.Acquire(stateDirectory);
            }
            catch (StateLockedException e)
            {
                log.Error("{Reason:l}", e.Message);
                return ExitCodes.StateLocked;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.Error("State folder {State} cannot be written: {Reason:l}; nothing was analysed", stateDirectory, e.Message);
                return ExitCodes.OutputError;
            }

            if (stateLock.StaleOwner is { } previous)
            {
                log.Warning("The previous run on {State} ({Previous:l}) ended without finishing (crash, kill or reboot); what it checkpointed is resumed", stateDirectory, previous);
            }
        }

        using var heldLock = stateLock;
        List<DetectorModel> sessions;
        try
        {
            sessions = LoadSessions(parse, settings);
        }
        catch (ModelManifestException e)
        {
            log.Error("{Reason:l}", e.Message);
            return ExitCodes.AssetError;
        }
        catch (NotSupportedException e)
        {
            log.Error("{Reason:l}", e.Message);
            return ExitCodes.InvalidInput;
        }

        var model = sessions[0];
        try
        {
            var inputs = job.Cameras.Sum(c => c.Inputs.Count);
            log.Information("Analysing {Inputs} input(s) of {Cameras} camera(s) for: {Purpose:l}", inputs, job.Cameras.Count, job.Purpose);
            log.Information("Model {Model} ({Provider}), {Fps} fps analysed, {Workers} worker(s), threshold {Threshold}",
                model.Entry.Id, model.ProviderName, settings.AnalysisFps, settings.Workers, settings.Threshold);
            // Live bars own the terminal while they run: only warnings and errors are logged over them.
            var live = LiveBars(progressMode, logFormat);
            using var runLog = new LoggerConfiguration().MinimumLevel.Is(live ? Serilog.Events.LogEventLevel.Warning : Serilog.Events.LogEventLevel.Verbose).WriteTo.Logger(log).CreateLogger();
            StateStore? store = null;
            IncrementalState? state = null;
            if (settings.StateDirectory is { } folder)
            {
                try
                {
                    store = StateStore.Open(folder);
                    state = await IncrementalState.OpenAsync(store, job, model.Sha256, settings, reanalyse, log);
                }
                catch (StateException e)
                {
                    log.Error("State folder {State} cannot serve this job; nothing was analysed:", folder);
                    e.Message.Split(Environment.NewLine).ToList().ForEach(p => log.Error("  {Problem:l}", p));
                    store?.Dispose();
                    return ExitCodes.StateMismatch;
                }
                catch (Exception e) when (e is StateWriteException or IOException or UnauthorizedAccessException)
                {
                    log.Error("State folder {State} cannot be written: {Reason:l}; nothing was analysed", folder, e.Message);
                    store?.Dispose();
                    return ExitCodes.OutputError;
                }
            }

            using var heldStore = store;

            var run = new AnalysisRun(job, settings, sessions, runLog, state);
            Dictionary<string, (int Width, int Height)> sizes;
            try
            {
                sizes = run.ProbeFrameSizes();
            }
            catch (JobException e)
            {
                log.Error("Job file {Job} does not fit its videos; nothing was run:", jobPath);
                e.Problems.ToList().ForEach(p => log.Error("  {Problem:l}", p));
                return ExitCodes.InvalidInput;
            }

            var auditPath = auditLog ?? Path.Combine(outputDirectory, "audit.jsonl");
            try
            {
                await AuditLog.AppendAsync(auditPath, AuditEntries.Started(job, model, settings, outputDirectory), CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.Error("The audit log {AuditLog} cannot be written ({Reason:l}); nothing was analysed: every run is recorded before it starts", auditPath, e.Message);
                return ExitCodes.OutputError;
            }

            RunResult result;
            IReadOnlyList<(string File, string Sha256, int Rows)> outputs;
            try
            {
                result = await WithProgressAsync(live, progressMode, job, settings, log, p => run.RunAsync(sizes, p, cancellationToken));
                outputs = await RunOutputs.WriteAsync(outputDirectory, job, settings, model, result, cancellationToken);
            }
            catch (StateWriteException e)
            {
                log.Error("Stopped: {Reason:l}; what the state held before is intact, and no statistics were written to {Output}", e.Message, outputDirectory);
                await AppendEndAsync(auditPath, AuditEntries.Ended(job, "failed", e.Message, ExitCodes.OutputError), log);
                return ExitCodes.OutputError;
            }
            catch (StateException e)
            {
                log.Error("{Reason:l}", e.Message);
                await AppendEndAsync(auditPath, AuditEntries.Ended(job, "failed", e.Message, ExitCodes.StateMismatch), log);
                return ExitCodes.StateMismatch;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                log.Warning("Interrupted: no statistics were written to {Output}{Resume:l}", outputDirectory,
                    state is null ? "" : "; the inputs analysed and the checkpoints reached are kept in the state, and the next run resumes from them");
                await AppendEndAsync(auditPath, AuditEntries.Ended(job, "interrupted", "interrupted by the operator or the system (SIGINT/SIGTERM)", ExitCodes.Interrupted), log);
                return ExitCodes.Interrupted;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.Error("Writing the outputs to {Output} failed: {Reason:l}", outputDirectory, e.Message);
                await AppendEndAsync(auditPath, AuditEntries.Ended(job, "failed", e.Message, ExitCodes.OutputError), log);
                return ExitCodes.OutputError;
            }

            foreach (var warning in result.Warnings)
            {
                log.Warning("{Warning:l}", warning);
            }

            // Failures carried over from earlier runs (unchanged files, not retried) were reported then; they are warned about, not failed on again.
            var exitCode = result.Files.Where(f => !f.FromState).All(f => f.Succeeded) ? ExitCodes.Success : ExitCodes.CompletedWithFailures;
            if (!await AppendEndAsync(auditPath, AuditEntries.Finished(job, result, outputs, exitCode), log))
            {
                exitCode = ExitCodes.OutputError;
            }

            PrintSummary(parse.InvocationConfiguration.Output, result, outputDirectory);
            return exitCode;
        }
        finally
        {
            sessions.ForEach(s => s.Dispose());
        }
    }

    /// <summary>
    /// The inference sessions of a run. On a CPU, one single-threaded session per core, running whole frames side by
    /// side, beats one session splitting each frame across cores (measured by <c>analytics bench</c>); on a GPU, one
    /// session. The model file is read and checked against the allow-list once.
    /// </summary>
    internal static List<DetectorModel> LoadSessions(ParseResult parse, AnalysisSettings settings)
    {
        var manifest = ModelManifest.Load(ProductPaths.ModelManifest(parse.GetValue(GlobalOptions.ModelsDirectory)));
        var cpu = settings.Provider == ExecutionProvider.Cpu;
        var count = cpu ? Math.Max(settings.Workers, Environment.ProcessorCount) : 1;
        var options = new DetectorOptions { ScoreThreshold = settings.DetectorFloor, Provider = settings.Provider, IntraOpThreads = cpu ? 1 : 0 };
        return DetectorModel.LoadSessions(manifest, settings.Model, options, count);
    }

    /// <summary>Records how the run ended; a log that can no longer be written is reported, not allowed to hide the run's own outcome.</summary>
    private static async Task<bool> AppendEndAsync(string auditPath, System.Text.Json.Nodes.JsonObject entry, ILogger log)
    {
        try
        {
            await AuditLog.AppendAsync(auditPath, entry, CancellationToken.None);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Error("The end of this run could not be recorded in the audit log {AuditLog}: {Reason:l}", auditPath, e.Message);
            return false;
        }
    }

    private static bool LiveBars(ProgressMode mode, LogFormat logFormat) =>
        mode == ProgressMode.On || (mode == ProgressMode.Auto && logFormat == LogFormat.Text && !Console.IsErrorRedirected);

    private static Task<RunResult> WithProgressAsync(bool live, ProgressMode mode, Job job, AnalysisSettings settings, ILogger log, Func<IAnalysisProgress, Task<RunResult>> work)
    {
        if (live)
        {
            return LiveProgress.RunAsync(EstimateFrames(job, settings), work);
        }

        return work(mode == ProgressMode.Off ? NoProgress.Instance : new LoggedProgress(log));
    }

    /// <summary>Frames the run will analyse, from the containers' announced durations; unreadable files count as none.</summary>
    private static long EstimateFrames(Job job, AnalysisSettings settings)
    {
        long total = 0;
        foreach (var input in job.Cameras.SelectMany(c => c.Inputs))
        {
            try
            {
                using var reader = VideoReader.Open(input.Path, input.Start, settings.AnalysisFps);
                total += reader.AnnouncedDuration is { } duration ? (long)Math.Ceiling(duration.TotalSeconds * reader.AnalysisFps) : 0;
            }
            catch (Exception e) when (e is VideoDecodeException or InputRefusedException or IOException or UnauthorizedAccessException)
            {
                // reported when the file is analysed
            }
        }

        return total;
    }

    private static void PrintSummary(TextWriter output, RunResult result, string outputDirectory)
    {
        var now = result.Files.Where(f => !f.FromState).ToList();
        var ok = now.Where(f => f.Succeeded).ToList();
        var frames = now.Sum(f => f.FramesAnalysedThisRun);
        var fps = result.Wall.TotalSeconds > 0 ? frames / result.Wall.TotalSeconds : 0;
        output.WriteLine(now.Count == 0
            ? "Nothing new to analyse."
            : FormattableString.Invariant(
                $"Analysed {ok.Count} of {now.Count} file(s): {frames} frames, {ok.Sum(f => f.AnalysedSeconds):0.#} s of footage, in {result.Wall.TotalSeconds:0.#} s ({fps:0.#} fps)."));
        foreach (var resumed in ok.Where(f => f.ResumedFrom is not null))
        {
            output.WriteLine(FormattableString.Invariant($"  {resumed.Path}: resumed at {resumed.ResumedFrom:hh\\:mm\\:ss} from an earlier run's checkpoint"));
        }

        var earlier = result.Files.Count(f => f.FromState && f.Succeeded);
        if (earlier > 0)
        {
            output.WriteLine($"  {earlier} file(s) analysed in earlier runs are in the statistics too (state)");
        }

        foreach (var camera in result.Files.Where(f => f.Succeeded).GroupBy(f => f.CameraId))
        {
            output.WriteLine($"  camera {camera.Key}: {camera.Sum(f => f.Crossings)} line crossing(s) in {camera.Count()} file(s)");
        }

        foreach (var failed in result.Files.Where(f => !f.Succeeded))
        {
            output.WriteLine($"  {(failed.FromState ? "FAILED EARLIER" : "FAILED")} {failed.Path}: {failed.Error}");
        }

        output.WriteLine($"Outputs in {outputDirectory}: counts, occupancy, od, coverage (.csv and .parquet), run.json");
    }
}

using System.Text.Json.Nodes;
using Analytics.Runs.Compliance;
using Analytics.Runs.Dataset;
using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;
using Analytics.Runs.Pipeline;
using Analytics.Runs.Sharding;
using Analytics.Runs.State;
using Analytics.Vision.Detection;
using Analytics.Vision.Models;
using Serilog;

namespace Analytics.Runs;

/// <summary>
/// The one entry point of a run, for every front end (the CLI, a cluster worker, a test harness): loads and checks
/// the job (purpose lock, geometry against the real frames), takes the state folder's lock, loads the detectors,
/// records the run in the audit log before anything is analysed, analyses the inputs (admission, state, the file
/// pipeline), writes the dataset as one atomic set and records how the run ended. Every failure comes back as a
/// <see cref="RunOutcome"/> with its reasons, already logged; nothing is thrown but a bug.
/// </summary>
public sealed class RunOrchestrator
{
    private readonly Func<RunRequest, IDetectorPool> _loadDetectors;

    /// <param name="loadDetectors">Loads the detectors a request asks for (the real ones: <see cref="WithModels"/>).</param>
    public RunOrchestrator(Func<RunRequest, IDetectorPool> loadDetectors)
    {
        ArgumentNullException.ThrowIfNull(loadDetectors);
        _loadDetectors = loadDetectors;
    }

    /// <summary>Runs with the allow-listed ONNX models of the manifest at <paramref name="manifestPath"/>.</summary>
    public static RunOrchestrator WithModels(string manifestPath) => new(request => DetectorPool.ForRun(
        ModelManifest.Load(manifestPath), request.Analysis.Model, request.Analysis.DetectorFloor, request.Execution.Provider, request.Execution.Workers));

    public async Task<RunResult> RunAsync(RunRequest request, IAnalysisProgress progress, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(log);
        var settingProblems = request.Validate().ToList();
        if (settingProblems.Count > 0)
        {
            return new RunResult(RunOutcome.InvalidRequest) { SettingProblems = settingProblems, Problems = settingProblems.Select(p => $"{p.Setting}: {p.Message}").ToList() };
        }

        Job job;
        var listed = DateTimeOffset.UtcNow; // the globs are expanded now: what appears later is for the next run
        try
        {
            job = JobLoader.Load(request.JobPath);
        }
        catch (JobException e)
        {
            log.Error("Job file {Job} is invalid; nothing was run ({Count} problem(s)):", request.JobPath, e.Problems.Count);
            LogEach(log, e.Problems);
            return new RunResult(RunOutcome.InvalidRequest) { Problems = e.Problems };
        }

        StateLock? stateLock = null;
        if (request.Execution.StateDirectory is { } stateDirectory)
        {
            try
            {
                stateLock = StateLock.Acquire(stateDirectory);
            }
            catch (StateLockedException e)
            {
                return Failed(log, RunOutcome.StateLocked, e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Failed(log, RunOutcome.OutputNotWritable, $"State folder {stateDirectory} cannot be written: {e.Message}; nothing was analysed");
            }

            if (stateLock.StaleOwner is { } previous)
            {
                log.Warning("The previous run on {State} ({Previous:l}) ended without finishing (crash, kill or reboot); what it checkpointed is resumed", stateDirectory, previous);
            }
        }

        using var heldLock = stateLock;
        RunDetectors detectors;
        try
        {
            detectors = RunDetectors.Load(job, request.Analysis.Model, model => _loadDetectors(request with { Analysis = request.Analysis with { Model = model } }), request.OneModel);
        }
        catch (JobException e)
        {
            log.Error("Job file {Job} names a model the allow-list does not hold; nothing was run:", request.JobPath);
            LogEach(log, e.Problems);
            return new RunResult(RunOutcome.InvalidRequest) { Problems = e.Problems };
        }
        catch (ModelManifestException e)
        {
            return Failed(log, RunOutcome.AssetUnavailable, e.Message) with { Advice = e.Missing ? RunAdvice.InstallModels : RunAdvice.None };
        }
        catch (NotSupportedException e)
        {
            return Failed(log, RunOutcome.InvalidRequest, e.Message);
        }

        using (detectors)
        {
            return await RunLoadedAsync(request, job, listed, detectors, progress, log, cancellationToken) with { Model = detectors.Run.Model, CameraModels = detectors.CameraModels };
        }
    }

    private static async Task<RunResult> RunLoadedAsync(
        RunRequest request, Job job, DateTimeOffset listed, RunDetectors detectors, IAnalysisProgress progress, ILogger log, CancellationToken cancellationToken)
    {
        var (analysis, execution) = (request.Analysis, request.Execution);
        var model = detectors.Run.Model;
        log.Information("Analysing {Inputs} input(s) of {Cameras} camera(s) for: {Purpose:l}", job.Cameras.Sum(c => c.Inputs.Count), job.Cameras.Count, job.Purpose);
        log.Information("Model {Model} ({Provider}), {Fps} fps analysed, {Workers} worker(s), threshold {Threshold}",
            model.Id, model.Provider, analysis.AnalysisFps, execution.Workers, analysis.Threshold);
        foreach (var camera in job.Cameras.Where(c => detectors.For(c) != detectors.Run))
        {
            log.Information("Camera {Camera}: model {Model}, as its job says", camera.Id, detectors.ModelOf(camera).Id);
        }

        StateStore? store = null;
        IncrementalState? state = null;
        if (execution.StateDirectory is { } folder)
        {
            try
            {
                store = StateStore.Open(folder);
                state = await IncrementalState.OpenAsync(store, job, c => detectors.ModelOf(c).Sha256, analysis, request.Reanalyse, log);
            }
            catch (StateException e)
            {
                store?.Dispose();
                log.Error("State folder {State} cannot serve this job; nothing was analysed:", folder);
                var problems = e.Problems;
                LogEach(log, problems);
                return new RunResult(RunOutcome.StateMismatch) { Problems = problems, Advice = e.Problem == StateProblem.AnalysisChanged ? RunAdvice.Reanalyse : RunAdvice.None };
            }
            catch (Exception e) when (e is StateWriteException or IOException or UnauthorizedAccessException)
            {
                store?.Dispose();
                return Failed(log, RunOutcome.OutputNotWritable, $"State folder {folder} cannot be written: {e.Message}; nothing was analysed");
            }
        }

        using var heldStore = store;
        var run = new AnalysisRun(job, analysis, execution, detectors, log, state, request.Shard);
        Dictionary<string, (int Width, int Height)> sizes;
        try
        {
            sizes = run.ProbeFrameSizes();
        }
        catch (JobException e)
        {
            log.Error("Job file {Job} does not fit its videos; nothing was run:", request.JobPath);
            LogEach(log, e.Problems);
            return new RunResult(RunOutcome.InvalidRequest) { Problems = e.Problems };
        }

        var auditPath = request.AuditLog;
        ShardRecord? shardRecord = null;
        try
        {
            var started = AuditEntries.Started(job, model, analysis, execution, request.OutputDirectory, detectors.CameraModels);
            if (request.Shard is { } shard)
            {
                started["shard"] = shard.ToString();
                started["batch"] = shard.Batch;
                started["state"] = execution.StateDirectory;
            }

            await AuditLog.AppendAsync(auditPath, started, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            var damaged = e is InvalidDataException;
            var reason = damaged ? e.Message : $"The audit log {auditPath} cannot be written ({e.Message}); nothing was analysed: every run is recorded before it starts";
            return Failed(log, RunOutcome.OutputNotWritable, damaged ? $"{reason}; nothing was analysed" : reason) with { Advice = damaged ? RunAdvice.VerifyAuditLog : RunAdvice.None };
        }

        AnalysisResult result;
        IReadOnlyList<OutputFile> outputs = [];
        try
        {
            if (request.Shard is { } shard)
            {
                // Until this run ends, the state says its shard is unfinished: a merge never takes a killed shard for a done one.
                shardRecord = ShardLedger.Started(shard, job, model, analysis, execution, auditPath, listed, detectors.CameraModels);
                await store!.WriteShardAsync(shardRecord);
            }

            result = await run.RunAsync(sizes, progress, cancellationToken);
            if (shardRecord is not null)
            {
                await store!.WriteShardAsync(ShardLedger.Finished(shardRecord, run.Listed));
            }

            if (request.OutputDirectory is { } outputDirectory)
            {
                outputs = await RunOutputs.WriteAsync(outputDirectory, job, analysis, execution, model, result, cancellationToken, request.Layout, cameraModels: detectors.CameraModels);
            }
        }
        catch (StateWriteException e)
        {
            return await EndedAsync(RunOutcome.OutputNotWritable, "failed", e.Message,
                $"Stopped: {e.Message}; what the state held before is intact, and no statistics were written to {request.OutputDirectory}");
        }
        catch (StateException e)
        {
            return await EndedAsync(RunOutcome.StateMismatch, "failed", e.Message, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Warning("Interrupted: no statistics were written to {Output}{Resume:l}", request.OutputDirectory,
                state is null ? "" : "; the inputs analysed and the checkpoints reached are kept in the state, and the next run resumes from them");
            await AppendEndAsync(auditPath, AuditEntries.Ended(job, "interrupted", "interrupted by the operator or the system (SIGINT/SIGTERM)", request.ExitCodeOf?.Invoke(RunOutcome.Interrupted)), log);
            return new RunResult(RunOutcome.Interrupted) { Problems = ["interrupted"] };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await EndedAsync(RunOutcome.OutputNotWritable, "failed", e.Message, $"Writing the outputs to {request.OutputDirectory} failed: {e.Message}");
        }

        foreach (var warning in result.Warnings)
        {
            log.Warning("{Warning:l}", warning);
        }

        // Failures carried over from earlier runs (unchanged files, not retried) were reported then; they are warned about, not failed on again.
        var outcome = result.Files.Where(f => !f.FromState).All(f => f.Succeeded) ? RunOutcome.Succeeded : RunOutcome.CompletedWithFailures;
        var problemsNow = result.Files.Where(f => !f.FromState && !f.Succeeded).Select(f => f.Error!).ToList();
        if (!await AppendEndAsync(auditPath, AuditEntries.Finished(job, result, outputs, request.ExitCodeOf?.Invoke(outcome)), log))
        {
            outcome = RunOutcome.OutputNotWritable;
            problemsNow.Add($"the end of this run could not be recorded in the audit log {auditPath}");
        }

        return new RunResult(outcome) { Analysis = result, Outputs = outputs, Problems = problemsNow, CountsSuppressed = job.SuppressBelow is not null };

        async Task<RunResult> EndedAsync(RunOutcome ended, string @event, string reason, string message)
        {
            log.Error("{Reason:l}", message);
            await AppendEndAsync(auditPath, AuditEntries.Ended(job, @event, reason, request.ExitCodeOf?.Invoke(ended)), log);
            return new RunResult(ended) { Problems = [message] };
        }
    }

    internal static RunResult Failed(ILogger log, RunOutcome outcome, string message)
    {
        log.Error("{Reason:l}", message);
        return new RunResult(outcome) { Problems = [message] };
    }

    internal static void LogEach(ILogger log, IEnumerable<string> problems)
    {
        foreach (var problem in problems)
        {
            log.Error("  {Problem:l}", problem);
        }
    }

    /// <summary>
    /// Records how the run (or merge: <paramref name="what"/>) ended; a log that can no longer be written is reported,
    /// not allowed to hide the run's own outcome.
    /// </summary>
    internal static async Task<bool> AppendEndAsync(string auditPath, JsonObject entry, ILogger log, string what = "run")
    {
        try
        {
            await AuditLog.AppendAsync(auditPath, entry, CancellationToken.None);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            log.Error("The end of this {What:l} could not be recorded in the audit log {AuditLog}: {Reason:l}", what, auditPath, e.Message);
            return false;
        }
    }
}

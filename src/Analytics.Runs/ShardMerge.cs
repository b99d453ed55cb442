using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Analytics.Core.Aggregation;
using Analytics.Runs.Compliance;
using Analytics.Runs.Dataset;
using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;
using Analytics.Runs.Sharding;
using Analytics.Runs.State;
using Serilog;

namespace Analytics.Runs;

/// <summary>
/// The merge of a sharded job (<c>analytics merge</c>): reads the state folder of every shard, checks that they serve
/// the job's purpose with the same analysis, come from one run of the shards and cover every input of the job exactly
/// once, and writes the dataset through the same writer as a run, so that it is byte for byte the dataset of one
/// machine analysing the whole job. Integer tallies per minute add up in any order; only the timings and the
/// execution settings in run.json differ (README, "Sharded analysis"). Recorded in the audit log like a run, with the
/// shards it read and the last hash of each shard's own audit log.
/// </summary>
public static class ShardMerge
{
    public static async Task<RunResult> MergeAsync(MergeRequest request, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var settingProblems = request.Validate().ToList();
        if (settingProblems.Count > 0)
        {
            return new RunResult(RunOutcome.InvalidRequest) { SettingProblems = settingProblems, Problems = settingProblems.Select(p => $"{p.Setting}: {p.Message}").ToList() };
        }

        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        Job job;
        try
        {
            job = JobLoader.Load(request.JobPath);
        }
        catch (JobException e)
        {
            log.Error("Job file {Job} is invalid; nothing was merged ({Count} problem(s)):", request.JobPath, e.Problems.Count);
            RunOrchestrator.LogEach(log, e.Problems);
            return new RunResult(RunOutcome.InvalidRequest) { Problems = e.Problems };
        }

        var locks = new List<IDisposable>();
        try
        {
            foreach (var folder in request.StateDirectories)
            {
                try
                {
                    locks.Add(StateLock.Acquire(folder));
                }
                catch (StateLockedException e)
                {
                    return RunOrchestrator.Failed(log, RunOutcome.StateLocked, $"{e.Message}; a shard is still running on it: merge once every shard has ended");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return RunOrchestrator.Failed(log, RunOutcome.OutputNotWritable, $"State folder {folder} cannot be locked: {e.Message}; nothing was merged");
                }
            }

            return await MergeLockedAsync(request, job, started, clock, log, cancellationToken);
        }
        catch (StateException e)
        {
            log.Error("The shards' states cannot serve this merge; nothing was written:");
            RunOrchestrator.LogEach(log, e.Problems);
            return new RunResult(RunOutcome.StateMismatch) { Problems = e.Problems };
        }
        finally
        {
            foreach (var held in locks)
            {
                held.Dispose();
            }
        }
    }

    private static async Task<RunResult> MergeLockedAsync(MergeRequest request, Job job, DateTimeOffset started, Stopwatch clock, ILogger log, CancellationToken cancellationToken)
    {
        var mismatch = new List<string>();
        var incomplete = new List<string>(); // states of different runs of the shards: a partial merge cannot make up for them
        var read = new List<(string Folder, StateStore Store, ShardRecord Record)>();
        foreach (var folder in request.StateDirectories.Select(Path.GetFullPath))
        {
            var store = StateStore.Open(folder);
            var header = store.ReadHeader();
            var record = store.ReadShard();
            if (header is null || record is null)
            {
                mismatch.Add($"{folder} holds no shard's work (no {(header is null ? "state.msgpack" : "shard.msgpack")}): give the state folders the shards of this job ran with");
            }
            else if ((header.Purpose, header.LegalBasis, header.Controller, header.DecisionReference) != (job.Purpose, job.LegalBasis, job.Controller, job.DecisionReference))
            {
                mismatch.Add($"{folder} holds statistics collected for \"{header.Purpose}\" ({header.Controller}, {header.DecisionReference}); this job declares \"{job.Purpose}\" ({job.Controller}, {job.DecisionReference}): data collected for one purpose is not reused for another");
            }
            else
            {
                read.Add((folder, store, record));
            }
        }

        if (mismatch.Count > 0)
        {
            throw new StateException(mismatch, StateProblem.OtherPurpose);
        }

        var count = read[0].Record.Count;
        if (read.Select(r => r.Record.Count).Distinct().Count() > 1)
        {
            incomplete.Add($"the states come from runs of different shard counts ({string.Join(", ", read.Select(r => $"{r.Folder}: {r.Record.Index}/{r.Record.Count}"))}): give the states of one run of the shards");
        }

        foreach (var twice in read.GroupBy(r => r.Record.Index).Where(g => g.Count() > 1))
        {
            incomplete.Add($"shard {twice.Key}/{count} is given {twice.Count()} times ({string.Join(", ", twice.Select(r => r.Folder))})");
        }

        foreach (var other in read.Where(r => r.Record.JobSha256 != job.Sha256))
        {
            incomplete.Add($"shard {other.Record.Index}/{other.Record.Count} ({other.Folder}) last ran another version of the job file (SHA-256 {other.Record.JobSha256[..12]}…, this one {job.Sha256[..12]}…): run it again");
        }

        var batches = read.Where(r => r.Record.Batch is not null).GroupBy(r => r.Record.Batch!).ToList();
        if (batches.Count > 1)
        {
            incomplete.Add($"the states come from different runs of the shards ({string.Join("; ", batches.Select(b => $"batch {b.Key}: shard(s) {string.Join(", ", b.Select(r => r.Record.Index))}"))}): run the stale shards again in this batch");
        }

        // The same analysis everywhere: model, settings, and each camera's analysis key, present in every state.
        var reference = read[0].Record;
        foreach (var other in read.Skip(1).Where(r => (r.Record.Model.Sha256, r.Record.AnalysisFps, r.Record.Threshold, r.Record.CheckpointMinutes, OwnModels(r.Record), Gate(r.Record))
            != (reference.Model.Sha256, reference.AnalysisFps, reference.Threshold, reference.CheckpointMinutes, OwnModels(reference), Gate(reference))))
        {
            mismatch.Add(string.Create(CultureInfo.InvariantCulture,
                $"{other.Folder} was analysed with model {other.Record.Model.Id} ({other.Record.Model.Sha256[..12]}…){OwnModels(other.Record)}, {other.Record.AnalysisFps} fps, threshold {other.Record.Threshold}, {other.Record.CheckpointMinutes} min windows, motion gate {Gate(other.Record)}; {read[0].Folder} with {reference.Model.Id} ({reference.Model.Sha256[..12]}…){OwnModels(reference)}, {reference.AnalysisFps} fps, threshold {reference.Threshold}, {reference.CheckpointMinutes} min windows, motion gate {Gate(reference)}: the shards of a job run one analysis"));
        }

        var analysis = ShardLedger.Analysis(reference);
        var purpose = AnalysisKey.PurposeOf(job);
        var modelOf = ShardLedger.ModelSha256Of(reference);
        var keys = job.Cameras.Select(c => AnalysisKey.For(c, modelOf(c), analysis) with { Purpose = purpose }).ToList();
        var shards = new List<ShardState>();
        foreach (var (folder, store, record) in read)
        {
            var analyses = store.Analyses();
            var records = new List<InputRecord>();
            foreach (var key in keys)
            {
                if (analyses.FirstOrDefault(a => a.Key.Id == key.Id) is { Folder: { } found })
                {
                    records.AddRange(StateStore.Records(found).Where(r => r.Complete));
                }
                else if (record.Finished is not null)
                {
                    var older = analyses.Where(a => a.Key.CameraId == key.CameraId).Select(a => string.Join("; ", key.DifferencesFrom(a.Key))).FirstOrDefault();
                    mismatch.Add($"{folder} has no analysis of camera {key.CameraId} with this job's lines, zones, masks and settings{(older is null ? "" : $" ({older})")}: run its shard again");
                }
            }

            shards.Add(new ShardState(folder, record, records));
            store.Dispose();
        }

        if (mismatch.Count > 0)
        {
            throw new StateException(mismatch, StateProblem.AnalysisChanged);
        }

        var gaps = new List<string>(); // missing footage: a partial merge writes the rest and reports these
        foreach (var absent in Enumerable.Range(0, count).Where(k => shards.All(s => s.Record.Index != k)))
        {
            gaps.Add(string.Create(CultureInfo.InvariantCulture, $"shard {absent}/{count}: no state was given for it"));
        }

        foreach (var unfinished in shards.Where(s => s.Record.Finished is null))
        {
            gaps.Add($"{unfinished.Name}: its last run did not finish (killed, interrupted or still running): run it again");
        }

        var plan = ShardCoverage.Plan(job, shards, count);
        gaps.AddRange(plan.Missing);
        if (incomplete.Count > 0 || (gaps.Count > 0 && !request.AllowPartial))
        {
            var uncovered = incomplete.Concat(gaps).ToList();
            log.Error("The shards' states do not cover the job {Job}; nothing was written ({Count} problem(s)):", request.JobPath, uncovered.Count);
            RunOrchestrator.LogEach(log, uncovered);
            return new RunResult(RunOutcome.ShardsIncomplete) { Problems = uncovered, Advice = incomplete.Count == 0 ? RunAdvice.AllowPartial : RunAdvice.None };
        }

        foreach (var gap in gaps)
        {
            log.Warning("Coverage gap (written without it, as asked): {Gap:l}", gap);
        }

        foreach (var late in plan.Late)
        {
            log.Warning("{Late:l}", late);
        }

        var model = ShardLedger.Model(reference);
        var cameraModels = ShardLedger.CameraModels(reference);
        var merged = shards.OrderBy(s => s.Record.Index).Select(s => Describe(s)).ToList();
        var auditPath = request.AuditLog;
        var startEntry = AuditEntries.Started(job, model, analysis, new ExecutionOptions { Workers = reference.Workers }, request.OutputDirectory, cameraModels);
        startEntry["command"] = "merge";
        startEntry["shards"] = Shards(merged);
        try
        {
            await AuditLog.AppendAsync(auditPath, startEntry, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            var damaged = e is InvalidDataException;
            return RunOrchestrator.Failed(log, RunOutcome.OutputNotWritable, damaged ? $"{e.Message}; nothing was merged" : $"The audit log {auditPath} cannot be written ({e.Message}); nothing was merged")
                with { Advice = damaged ? RunAdvice.VerifyAuditLog : RunAdvice.None };
        }

        var aggregator = new StatisticsAggregator(job.Cameras.Select(c => c.Binned(job.BinMinutes)));
        foreach (var file in plan.Files.Where(f => f.Contribution is not null))
        {
            aggregator.Add(file.Contribution!);
        }

        var result = new AnalysisResult(plan.Files, aggregator.Build(), [.. AnalysisRun.DoubtfulSettings(analysis), .. AnalysisRun.OverlapWarnings(plan.Files), .. plan.Late], started, clock.Elapsed);
        IReadOnlyList<OutputFile> outputs;
        try
        {
            outputs = await RunOutputs.WriteAsync(request.OutputDirectory, job, analysis, new ExecutionOptions { Workers = reference.Workers }, model, result, cancellationToken, request.Layout, merged, cameraModels);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Warning("Interrupted: no statistics were written to {Output}", request.OutputDirectory);
            await RunOrchestrator.AppendEndAsync(auditPath, AuditEntries.Ended(job, "interrupted", "interrupted by the operator or the system (SIGINT/SIGTERM)", request.ExitCodeOf?.Invoke(RunOutcome.Interrupted)), log, "merge");
            return new RunResult(RunOutcome.Interrupted) { Problems = ["interrupted"] };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var message = $"Writing the outputs to {request.OutputDirectory} failed: {e.Message}";
            log.Error("{Reason:l}", message);
            await RunOrchestrator.AppendEndAsync(auditPath, AuditEntries.Ended(job, "failed", e.Message, request.ExitCodeOf?.Invoke(RunOutcome.OutputNotWritable)), log, "merge");
            return new RunResult(RunOutcome.OutputNotWritable) { Problems = [message] };
        }

        foreach (var file in plan.Files.Where(f => !f.FromState && !f.Succeeded))
        {
            log.Error(file.Status == InputStatus.Refused ? "{File}: refused: {Reason:l}" : "{File}: failed: {Reason:l}", file.Path, file.Error);
        }

        foreach (var warning in result.Warnings.Except(plan.Late))
        {
            log.Warning("{Warning:l}", warning);
        }

        var outcome = plan.Files.Where(f => !f.FromState).All(f => f.Succeeded) ? RunOutcome.Succeeded : RunOutcome.CompletedWithFailures;
        var problems = plan.Files.Where(f => !f.FromState && !f.Succeeded).Select(f => f.Error!).ToList();
        var finished = AuditEntries.Finished(job, result, outputs, request.ExitCodeOf?.Invoke(outcome));
        finished["command"] = "merge";
        finished["shards"] = Shards(merged);
        if (!await RunOrchestrator.AppendEndAsync(auditPath, finished, log, "merge"))
        {
            outcome = RunOutcome.OutputNotWritable;
            problems.Add($"the end of this merge could not be recorded in the audit log {auditPath}");
        }

        log.Information("Merged {Shards} shard(s) of {Count}: {Inputs} input(s), {Earlier} of them from earlier runs; outputs in {Output}",
            shards.Count, count, plan.Files.Count, plan.Files.Count(f => f.FromState), request.OutputDirectory);
        return new RunResult(outcome) { Analysis = result, Outputs = outputs, Problems = problems, CountsSuppressed = job.SuppressBelow is not null, Model = model };
    }

    private static MergedShard Describe(ShardState shard)
    {
        var record = shard.Record;
        string? lastHash = null;
        try
        {
            if (File.Exists(record.AuditLog) && AuditLog.Verify(record.AuditLog) is { IsIntact: true } verified)
            {
                lastHash = verified.LastHash;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // not readable from here: recorded as unknown
        }

        return new MergedShard(string.Create(CultureInfo.InvariantCulture, $"{record.Index}/{record.Count}"), shard.Folder, record.Batch, ShardLedger.Listed(record),
            record.Finished ?? "unfinished", record.Inputs.Length, record.AuditLog, lastHash);
    }

    private static JsonArray Shards(IEnumerable<MergedShard> shards) => new(shards.Select(s => (JsonNode)new JsonObject
    {
        ["shard"] = s.Shard,
        ["state"] = s.State,
        ["batch"] = s.Batch,
        ["listed"] = s.Listed,
        ["finished"] = s.Finished,
        ["inputs"] = s.Inputs,
        ["audit_log"] = s.AuditLog,
        ["audit_last_hash"] = s.AuditLastHash,
    }).ToArray());

    /// <summary>The cameras a shard analysed with their own model, in words ("" when none): shards must agree on them too.</summary>
    private static string OwnModels(ShardRecord record) => record.CameraModels is not { Count: > 0 } own ? "" :
        " (" + string.Join(", ", own.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"camera {p.Key}: {p.Value.Id} {p.Value.Sha256[..12]}…")) + ")";

    private static string Gate(ShardRecord record) => MotionGateText.Of(ShardLedger.Analysis(record).MotionGate);
}

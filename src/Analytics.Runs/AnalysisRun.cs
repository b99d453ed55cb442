using System.Collections.Concurrent;
using System.Diagnostics;
using Analytics.Core.Aggregation;
using Analytics.Core.Integrity;
using Analytics.Runs.Compliance;
using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;
using Analytics.Runs.Pipeline;
using Analytics.Runs.Sharding;
using Analytics.Runs.State;
using Analytics.Vision.Detection;
using Analytics.Vision.Video;
using Serilog;

namespace Analytics.Runs;

/// <summary>
/// Runs a validated job: checks each camera's lines and zones against its real frame size, then analyses the inputs,
/// <see cref="ExecutionOptions.Workers"/> files side by side, and aggregates the files that succeeded. The inference
/// sessions are loaded once and lent frame by frame to the files in flight (<see cref="DetectorLender"/>: with one
/// file, or at the end of a run, all of them detect its frames in parallel). A file that fails is reported and
/// contributes nothing (its time is a coverage gap, never zeros), or, when its decoding failed part-way, only the
/// footage decoded before the failure; the others go on. With a state
/// (<c>--state</c>), inputs analysed in earlier runs are taken from it instead of being analysed again, files in
/// progress checkpoint into it, and its earlier inputs stay in the statistics. With a shard (<c>--shard K/N</c>), only
/// the inputs <see cref="ShardAssignment"/> gives it are listed and analysed.
/// </summary>
internal sealed class AnalysisRun(Job job, AnalysisOptions analysis, ExecutionOptions execution, RunDetectors detectors, ILogger log, IncrementalState? state = null, ShardSpec? shard = null)
{
    /// <summary>What became of each input this run listed (its shard's, with a shard), without the earlier inputs of the state; set by <see cref="RunAsync"/>.</summary>
    public IReadOnlyList<FileOutcome> Listed { get; private set; } = [];

    /// <summary>What each input probed so far told (by path): no input's container is opened twice to be probed.</summary>
    private readonly Dictionary<string, MediaProbe> _probes = new(StringComparer.Ordinal);

    /// <summary>The frame size of each camera, read from its first input that opens; throws <see cref="JobException"/> if a line or zone lies outside it.</summary>
    public Dictionary<string, (int Width, int Height)> ProbeFrameSizes()
    {
        var sizes = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var camera in job.Cameras)
        {
            foreach (var input in camera.Inputs)
            {
                try
                {
                    var probe = MediaProbe.Of(input);
                    _probes[input.Path] = probe;
                    sizes[camera.Id] = (probe.Width, probe.Height);
                    problems.AddRange(JobGeometry.Check(camera, probe.Width, probe.Height));
                    break;
                }
                catch (Exception e) when (e is VideoDecodeException or InputRefusedException or IOException or UnauthorizedAccessException)
                {
                    log.Warning("Camera {Camera}: cannot read the frame size from {Path}: {Reason:l}", camera.Id, input.Path, e.Message);
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new JobException(problems);
        }

        return sizes;
    }

    /// <summary>
    /// Analyses every input; <paramref name="sizes"/> comes from <see cref="ProbeFrameSizes"/>. First each input is
    /// admitted, hashed and planned against the state, one after the other in recording order (so that which of two
    /// identical files counts never depends on timing); an input whose content is already counted for its camera is
    /// a duplicate and never counts again. Then, if <paramref name="progress"/> wants it, the frames of the files to
    /// analyse are estimated (probing only those not probed yet), and the files run side by side.
    /// </summary>
    public async Task<AnalysisResult> RunAsync(IReadOnlyDictionary<string, (int Width, int Height)> sizes, IAnalysisProgress progress, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var inputs = job.Cameras.SelectMany(c => c.Inputs.Select(i => (Camera: c, Input: i)))
            .Where(p => shard is null || ShardAssignment.ShardOf(p.Input, shard.Count) == shard.Index)
            .OrderBy(p => p.Input.Start).ThenBy(p => p.Input.Path, StringComparer.Ordinal).ToList();
        var unusables = job.Unusable.Where(u => shard is null || ShardAssignment.ShardOf(u, shard.Count) == shard.Index).ToList();
        if (shard is not null)
        {
            log.Information("Shard {Shard}: {Mine} of the job's {All} input(s) are this shard's", shard.ToString(), inputs.Count + unusables.Count,
                job.Cameras.Sum(c => c.Inputs.Count) + job.Unusable.Count);
        }

        var outcomes = new ConcurrentBag<FileOutcome>();
        foreach (var unusable in unusables)
        {
            // Reported as a failure of its own (exit 1), while the job's other inputs and cameras are analysed.
            log.Error("{File}: failed: {Reason:l}", unusable.Path, unusable.Reason);
            outcomes.Add(FileOutcome.Failed(new JobInput(unusable.CameraId, unusable.Path, DateTimeOffset.MinValue, unusable.JsonPath), unusable.Reason, FailureKind.Content));
        }

        var pending = new List<(CameraJob Camera, JobInput Input, InputPlan.Analyse Plan)>();
        var counted = new Dictionary<(string Camera, string Sha256), string>();
        var cameraOf = new Dictionary<string, (string Camera, string Path)>(StringComparer.Ordinal);
        foreach (var (camera, input) in inputs)
        {
            var prepared = await PrepareAsync(input, cancellationToken);
            var sha256 = prepared switch
            {
                InputPlan.Analyse plan => plan.Sha256,
                InputPlan.Known { Outcome: { Contributes: true, Sha256: { } known } } => known,
                _ => null,
            };
            if (sha256 is not null && !counted.TryAdd((camera.Id, sha256), input.Path))
            {
                prepared = new InputPlan.Duplicate(sha256, counted[(camera.Id, sha256)], input.Start);
            }
            else if (sha256 is not null && !cameraOf.TryAdd(sha256, (camera.Id, input.Path)) && cameraOf[sha256].Camera != camera.Id)
            {
                // One recording is one camera's: the same content in another camera (a link, a hard link, a copy) is refused.
                var (owner, ownerPath) = cameraOf[sha256];
                var error = $"{input.Path}: same content (SHA-256 {sha256[..12]}…) as {ownerPath}, an input of camera {owner}: one recording belongs to one camera and is never counted for two";
                log.Error("{File}: refused: {Reason:l}", input.Path, error);
                outcomes.Add(FileOutcome.Refused(input, error) with { Sha256 = sha256 });
                continue;
            }

            switch (prepared)
            {
                case InputPlan.Analyse plan:
                    pending.Add((camera, input, plan));
                    break;
                case InputPlan.Known known:
                    outcomes.Add(known.Outcome);
                    break;
                case InputPlan.Duplicate duplicate:
                    var error = $"{input.Path}: same content (SHA-256 {duplicate.Sha256[..12]}…) as {duplicate.Path}, recorded {duplicate.Start:yyyy-MM-dd HH:mm zzz}, already counted for camera {camera.Id}: a copy is never counted twice";
                    log.Error("{File}: refused: {Reason:l}", input.Path, error);
                    outcomes.Add(FileOutcome.Refused(input, error) with { Sha256 = duplicate.Sha256 });
                    break;
                case InputPlan.Failed failed:
                    outcomes.Add(failed.Outcome);
                    break;
            }
        }

        if (progress.WantsEstimate)
        {
            progress.Planned(pending.Sum(p => EstimateFrames(p.Input)));
        }

        // One detector (buffers) per session, lent frame by frame to the files in flight, so that the last file of a run
        // keeps every session busy. With cameras of several models, a file takes its camera's model's detectors.
        var workers = Math.Max(1, Math.Min(execution.Workers, Math.Min(pending.Count, detectors.Pools.Min(p => p.Sessions))));
        var lent = detectors.Pools.ToDictionary(p => p, p => p.ShareOut(1)[0]);
        var lenders = lent.ToDictionary(p => p.Key, p => new DetectorLender(p.Value));
        var aggregator = new StatisticsAggregator(job.Cameras.Select(c => c.Binned(job.BinMinutes)));
        try
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, async (file, token) =>
            {
                if (!sizes.TryGetValue(file.Camera.Id, out var size))
                {
                    size = (-1, -1); // no input of this camera opens: each will fail with its own reason
                }

                outcomes.Add(await AnalyseAsync(file.Camera, file.Input, file.Plan, size, lenders[detectors.For(file.Camera)], progress, token));
            });
        }
        finally
        {
            foreach (var detector in lent.Values.SelectMany(d => d))
            {
                detector.Dispose();
            }
        }

        Listed = [.. outcomes];
        var earlier = state?.EarlierInputs() ?? [];
        var files = outcomes.Concat(earlier).OrderBy(o => o.RecordingStart).ThenBy(o => o.Path, StringComparer.Ordinal).ToList();
        foreach (var file in files.Where(f => f.Contributes))
        {
            aggregator.Add(file.Contribution!);
        }

        if (state is not null)
        {
            log.Information("State: {New} input(s) analysed in this run, {Known} taken as analysed earlier, {Earlier} earlier input(s) no longer listed kept in the statistics",
                files.Count(f => !f.FromState && f.Status != InputStatus.Refused), files.Count(f => f.FromState && f.Contributes) - earlier.Count, earlier.Count);
        }

        return new AnalysisResult(files, aggregator.Build(), [.. DoubtfulSettings(analysis), .. OverlapWarnings(files)], started, clock.Elapsed);
    }

    /// <summary>What to do with one input: refused, failed before decoding, known from the state, a duplicate, or to analyse.</summary>
    private async Task<InputPlan> PrepareAsync(JobInput input, CancellationToken token)
    {
        if (InputAdmission.Refusal(job, input, TimeSpan.FromSeconds(execution.SettleSeconds), DateTimeOffset.Now) is { } refusal)
        {
            log.Error("{File}: refused: {Reason:l}", input.Path, refusal);
            return new InputPlan.Failed(FileOutcome.Refused(input, $"{input.Path}: {refusal}"));
        }

        try
        {
            var plan = state is null ? new InputPlan.Analyse(await HashRecordingAsync(input.Path, token), null, FileFingerprint.Missing) : await state.PlanAsync(input, token);
            if (plan is InputPlan.Known { Outcome.Succeeded: false } known)
            {
                log.Warning("{File}: not retried: {Reason:l}", input.Path, known.Outcome.Error);
            }

            return plan;
        }
        catch (Exception e) when (InputFailures.IsInputFailure(e))
        {
            // Not a recording (missing, empty, a pipe) or not readable: it fails before it is opened as a video.
            var error = InputFailures.Describe(input.Path, e);
            var outcome = e is InputRefusedException ? FileOutcome.Refused(input, error) : FileOutcome.Failed(input, error, InputFailures.KindOf(e));
            log.Error(outcome.Status == InputStatus.Refused ? "{File}: refused: {Reason:l}" : "{File}: failed: {Reason:l}", input.Path, e is InputRefusedException r ? r.Reason : error);
            if (state is not null)
            {
                await state.FailedAsync(input, SafeFingerprint(input.Path), outcome);
            }

            return new InputPlan.Failed(outcome);
        }
    }

    /// <summary>One input through the pipeline, resumed from its checkpoint if an earlier run left one.</summary>
    private async Task<FileOutcome> AnalyseAsync(
        CameraJob camera, JobInput input, InputPlan.Analyse plan, (int Width, int Height) size, DetectorLender detectorLender, IAnalysisProgress progress, CancellationToken token)
    {
        var (sha256, resume, fingerprint) = (plan.Sha256, plan.Resume, plan.Fingerprint);
        if (resume is not null)
        {
            log.Information("{File}: resuming after the {Windows} checkpoint window(s) an earlier run completed", input.Path, resume.WindowsDone);
        }

        Func<FileCheckpoint, Task>? checkpointed = state is null ? null : c => state.CheckpointAsync(input, sha256, c);
        var outcome = await new FileAnalysis(input, camera, size, analysis).RunAsync(detectorLender, sha256, resume, checkpointed, progress, token);
        if (outcome.Succeeded)
        {
            if (job.SuppressBelow is null)
            {
                log.Information("{File}: {Frames} frames analysed ({Seconds:0.#} s of footage) in {Wall:0.#} s, {Crossings} crossings",
                    input.Path, outcome.FramesAnalysed, outcome.AnalysedSeconds, outcome.WallSeconds, outcome.Crossings);
            }
            else
            {
                // Small-cell suppression: no count leaves the run except through the suppressed tables.
                log.Information("{File}: {Frames} frames analysed ({Seconds:0.#} s of footage) in {Wall:0.#} s",
                    input.Path, outcome.FramesAnalysed, outcome.AnalysedSeconds, outcome.WallSeconds);
            }
            if (state is not null)
            {
                await state.CompletedAsync(input, outcome);
            }
        }
        else if (outcome.Status == InputStatus.Partial)
        {
            log.Error("{File}: failed part-way: {Reason:l}", input.Path, outcome.Error);
            if (state is not null)
            {
                await state.CompletedAsync(input, outcome);
            }
        }
        else
        {
            log.Error("{File}: failed: {Reason:l}", input.Path, outcome.Error);
            if (state is not null)
            {
                await state.FailedAsync(input, fingerprint, outcome);
            }
        }

        return outcome;
    }

    /// <summary>Frames an input will analyse, from its container's announced duration; 0 when it cannot be opened (it fails when analysed).</summary>
    private long EstimateFrames(JobInput input)
    {
        if (!_probes.TryGetValue(input.Path, out var probe))
        {
            try
            {
                probe = MediaProbe.Of(input);
                _probes[input.Path] = probe;
            }
            catch (Exception e) when (InputFailures.IsInputFailure(e))
            {
                return 0; // reported when the file is analysed
            }
        }

        return probe.ExpectedFrames(analysis.AnalysisFps);
    }

    /// <summary>
    /// The content hash of a recording, once it is known to be one: a pipe would block the hashing, and an empty file
    /// is no recording (<see cref="InputRefusedException"/>).
    /// </summary>
    private static Task<string> HashRecordingAsync(string path, CancellationToken cancellationToken)
    {
        DeferredInputPolicy.EnsureRecordedFile(path);
        return FileHash.Sha256HexAsync(path, cancellationToken);
    }

    private static FileFingerprint SafeFingerprint(string path)
    {
        try
        {
            return FileFingerprint.Of(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FileFingerprint.Missing;
        }
    }

    /// <summary>
    /// How far a recording may run into the next one's start without a warning: a one-minute segment at 23.976 fps
    /// holds 1439 frames, 60.02 s, and file names give starts to the minute or the second.
    /// </summary>
    internal static readonly TimeSpan OverlapTolerance = TimeSpan.FromSeconds(1);

    /// <summary>Settings that run, but give figures to read with care: said in the log and in run.json.</summary>
    internal static IEnumerable<string> DoubtfulSettings(AnalysisOptions analysis)
    {
        if (analysis.AnalysisFps < 5)
        {
            yield return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"analysis rate {analysis.AnalysisFps} fps: people and cycles that cross a line or leave the picture within a fraction of a second are missed below 5 fps; the counts are doubtful");
        }
    }

    /// <summary>
    /// Two recordings of one camera covering the same time would be counted twice: say so. Overlaps under
    /// <see cref="OverlapTolerance"/> are how segments are written, not a second recording of the same time.
    /// </summary>
    internal static List<string> OverlapWarnings(IReadOnlyList<FileOutcome> files)
    {
        var warnings = new List<string>();
        foreach (var camera in files.Where(f => f.Contributes).GroupBy(f => f.CameraId))
        {
            FileOutcome? previous = null;
            foreach (var file in camera.OrderBy(f => f.RecordingStart))
            {
                if (previous is not null && file.RecordingStart < previous.RecordingStart.AddSeconds(previous.AnalysedSeconds) - OverlapTolerance)
                {
                    warnings.Add($"camera {camera.Key}: {file.Path} starts at {file.RecordingStart:O}, before {previous.Path} ends; objects in the overlap are counted twice");
                }

                previous = file;
            }
        }

        return warnings;
    }
}

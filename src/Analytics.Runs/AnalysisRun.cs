using System.Collections.Concurrent;
using System.Diagnostics;
using Analytics.Core.Integrity;
using Analytics.Core.Aggregation;
using Analytics.Core.Tracking;
using Analytics.Vision.Detection;
using Analytics.Vision.Video;
using Serilog;
using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;
using Analytics.Runs.Compliance;
using Analytics.Runs.State;
using Analytics.Runs.Pipeline;
using Analytics.Runs.Dataset;

namespace Analytics.Runs;

/// <summary>
/// Runs a validated job: checks each camera's lines and zones against its real frame size, then analyses the inputs,
/// <see cref="ExecutionOptions.Workers"/> files side by side, and aggregates the files that succeeded. The inference
/// sessions are loaded once and shared out between the workers (with one worker, all of them detect its frames in
/// parallel). A file that fails is reported and contributes nothing (its time is a coverage gap, never zeros); the
/// others go on. With a state (<c>--state</c>), inputs analysed in earlier runs are taken from it instead of
/// being analysed again, files in progress checkpoint into it, and its earlier inputs stay in the statistics.
/// </summary>
internal sealed class AnalysisRun(Job job, AnalysisOptions analysis, ExecutionOptions execution, IDetectorPool detectors, ILogger log, IncrementalState? state = null)
{
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
                    using var reader = VideoReader.Open(input.Path, input.Start);
                    sizes[camera.Id] = (reader.Width, reader.Height);
                    problems.AddRange(JobGeometry.Check(camera, reader.Width, reader.Height));
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

    /// <summary>Analyses every input; <paramref name="sizes"/> comes from <see cref="ProbeFrameSizes"/>.</summary>
    public async Task<AnalysisResult> RunAsync(IReadOnlyDictionary<string, (int Width, int Height)> sizes, IAnalysisProgress progress, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var inputs = job.Cameras.SelectMany(c => c.Inputs.Select(i => (Camera: c, Input: i))).OrderBy(p => p.Input.Start).ThenBy(p => p.Input.Path, StringComparer.Ordinal).ToList();
        // Each worker gets its share of the sessions, one detector (buffers) per session.
        var workers = Math.Max(1, Math.Min(execution.Workers, Math.Min(inputs.Count, detectors.Sessions)));
        var groups = new ConcurrentBag<IReadOnlyList<IFrameDetector>>(detectors.ShareOut(workers));
        var outcomes = new ConcurrentBag<FileOutcome>();
        var aggregator = new StatisticsAggregator(job.Cameras.Select(c => c.Binned(job.BinMinutes)));
        try
        {
            await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, async (pair, token) =>
            {
                var (camera, input) = pair;
                if (!sizes.TryGetValue(camera.Id, out var size))
                {
                    size = (-1, -1); // no input of this camera opens: each will fail with its own reason
                }

                var outcome = await AnalyseInputAsync(camera, input, size, groups, progress, token);
                outcomes.Add(outcome);
            });
        }
        finally
        {
            foreach (var detector in groups.SelectMany(g => g))
            {
                detector.Dispose();
            }
        }

        var earlier = state?.EarlierInputs() ?? [];
        var files = outcomes.Concat(earlier).OrderBy(o => o.RecordingStart).ThenBy(o => o.Path, StringComparer.Ordinal).ToList();
        foreach (var file in files.Where(f => f.Contribution is not null))
        {
            aggregator.Add(file.Contribution!);
        }

        if (state is not null)
        {
            log.Information("State: {New} input(s) analysed in this run, {Known} taken as analysed earlier, {Earlier} earlier input(s) no longer listed kept in the statistics",
                files.Count(f => !f.FromState && f.Status != InputStatus.Refused), files.Count(f => f.FromState && f.Succeeded) - earlier.Count, earlier.Count);
        }

        return new AnalysisResult(files, aggregator.Build(), OverlapWarnings(files), started, clock.Elapsed);
    }

    /// <summary>One input: refused, taken from the state, or analysed (resumed from its checkpoint if it has one).</summary>
    private async Task<FileOutcome> AnalyseInputAsync(
        CameraJob camera, JobInput input, (int Width, int Height) size, ConcurrentBag<IReadOnlyList<IFrameDetector>> groups, IAnalysisProgress progress, CancellationToken token)
    {
        if (InputAdmission.Refusal(job, input, TimeSpan.FromSeconds(execution.SettleSeconds), DateTimeOffset.Now) is { } refusal)
        {
            log.Error("{File}: refused: {Reason:l}", input.Path, refusal);
            return FileOutcome.Refused(input, $"{input.Path}: {refusal}");
        }

        string sha256;
        FileCheckpoint? resume = null;
        var fingerprint = FileFingerprint.Missing;
        try
        {
            switch (state is null ? new InputPlan.Analyse(await HashRecordingAsync(input.Path, token), null, fingerprint) : await state.PlanAsync(input, token))
            {
                case InputPlan.Known known:
                    if (!known.Outcome.Succeeded)
                    {
                        log.Warning("{File}: not retried: {Reason:l}", input.Path, known.Outcome.Error);
                    }

                    return known.Outcome;
                case InputPlan.Analyse plan:
                    (sha256, resume, fingerprint) = (plan.Sha256, plan.Resume, plan.Fingerprint);
                    break;
                default:
                    throw new UnreachableException();
            }
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

            return outcome;
        }

        if (resume is not null)
        {
            log.Information("{File}: resuming after the {Windows} checkpoint window(s) an earlier run completed", input.Path, resume.WindowsDone);
        }

        groups.TryTake(out var share);
        try
        {
            Func<FileCheckpoint, Task>? checkpointed = state is null ? null : c => state.CheckpointAsync(input, sha256, c);
            var outcome = await new FileAnalysis(input, camera, size, analysis).RunAsync(share!, sha256, resume, checkpointed, progress, token);
            if (outcome.Succeeded)
            {
                log.Information("{File}: {Frames} frames analysed ({Seconds:0.#} s of footage) in {Wall:0.#} s, {Crossings} crossings",
                    input.Path, outcome.FramesAnalysed, outcome.AnalysedSeconds, outcome.WallSeconds, outcome.Crossings);
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
        finally
        {
            groups.Add(share!);
        }
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

    /// <summary>Two recordings of one camera covering the same time would be counted twice: say so.</summary>
    private static List<string> OverlapWarnings(List<FileOutcome> files)
    {
        var warnings = new List<string>();
        foreach (var camera in files.Where(f => f.Succeeded).GroupBy(f => f.CameraId))
        {
            FileOutcome? previous = null;
            foreach (var file in camera.OrderBy(f => f.RecordingStart))
            {
                if (previous is not null && file.RecordingStart < previous.RecordingStart.AddSeconds(previous.AnalysedSeconds))
                {
                    warnings.Add($"camera {camera.Key}: {file.Path} starts at {file.RecordingStart:O}, before {previous.Path} ends; objects in the overlap are counted twice");
                }

                previous = file;
            }
        }

        return warnings;
    }
}

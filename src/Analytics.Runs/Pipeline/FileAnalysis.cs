using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Analytics.Core.Objects;
using Analytics.Core.Tracking;
using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;
using Analytics.Vision.Detection;
using Analytics.Vision.Motion;
using Analytics.Vision.Video;

namespace Analytics.Runs.Pipeline;

/// <summary>
/// One input through the pipeline: Video → Detection → Tracking + Counting, stages on their own threads joined by
/// bounded channels (backpressure in Wait mode: a slow stage slows the others, nothing is dropped). Decoding of
/// the next frames overlaps inference and tracking. Detection, the costly stage, runs on as many threads as the
/// model has sessions, each frame on whichever session is free, shared with the other files in flight (each session
/// single-threaded: on a CPU, whole frames in parallel beat one frame split across threads); tracking puts the frames
/// back in order before it sees them. With the motion gate on (<see cref="InferenceGate"/>), a frame in which nothing
/// moved goes past the detectors, and the trackers see again the objects the last detected frame's confirmed tracks
/// were matched with.
/// </summary>
/// <remarks>
/// Tracking and counting run in checkpoint windows of <see cref="AnalysisOptions.CheckpointMinutes"/> of footage,
/// each with its own tracker started <see cref="Overlap"/> before the window (to pick up the objects already in
/// view) and stopped as long after it (to settle the crossings near its end); each window counts only what happens
/// inside it. When a window is done, <c>checkpointed</c> receives everything counted so far, so a crash loses at
/// most one window: the next run resumes at the first window not done, and since a window depends only on the
/// frames from its own start, the resumed file gives exactly the statistics of an uninterrupted run.
/// When decoding fails part-way (a file cut short, a damaged stretch), the frames decoded before the failure are
/// clean: the analysis ends there as if the file ended there, and the outcome is <see cref="InputStatus.Partial"/>
/// with what that footage contributes; the rest of the file is a coverage gap.
/// </remarks>
internal sealed class FileAnalysis(JobInput input, CameraJob camera, (int Width, int Height) frameSize, AnalysisOptions analysis)
{
    private const int FramesInFlight = 4;

    /// <summary>Below this many pixels a side, no detector finds a road user: such a file is no recording to count on.</summary>
    private const int MinimumFrameSide = 64;

    private readonly TimeSpan _window = TimeSpan.FromMinutes(analysis.CheckpointMinutes);

    private long _framesSkipped;

    /// <summary>A frame for the detectors, or (<paramref name="Frame"/> null) one the motion gate let through without inference.</summary>
    private readonly record struct DecodedFrame(long Sequence, VideoFrame? Frame, FrameTime Time);

    /// <summary>A frame's objects, or (<paramref name="Objects"/> null) a frame that carries the last detected frame's objects.</summary>
    private readonly record struct FrameObjects(long Sequence, DetectedObject[]? Objects, int Count, FrameTime Time);

    /// <summary>How long before and after its window a checkpoint window's tracker runs: 30 s, or half a short window.</summary>
    private TimeSpan Overlap => TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, _window.Ticks / 2));

    /// <summary>
    /// Runs the file whose content hash is <paramref name="sha256"/>, from <paramref name="resume"/> when an earlier
    /// run checkpointed part of it; decoding and input errors end up in the outcome (with the footage decoded before a
    /// failure part-way), cancellation propagates.
    /// </summary>
    public async Task<FileOutcome> RunAsync(
        DetectorLender detectors,
        string sha256,
        FileCheckpoint? resume,
        Func<FileCheckpoint, Task>? checkpointed,
        IAnalysisProgress progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var name = System.IO.Path.GetFileName(input.Path);
        long analysed = 0;
        long decoded = 0;
        try
        {
            using var reader = VideoReader.Open(input.Path, input.Start, analysis.AnalysisFps, (w, h) => camera.PrivacyMasks.Count == 0 ? null : new PrivacyMask(camera.PrivacyMasks, w, h));
            if (reader.Width < MinimumFrameSide || reader.Height < MinimumFrameSide)
            {
                throw new VideoDecodeException(input.Path, 0, TimeSpan.Zero,
                    FormattableString.Invariant($"frames of {reader.Width}x{reader.Height} are too small for anyone to be detected ({MinimumFrameSide} pixels a side at least): its counts would be zeros that look real"));
            }

            if ((reader.Width, reader.Height) != frameSize)
            {
                throw new VideoDecodeException(input.Path, 0, TimeSpan.Zero,
                    $"frame size {reader.Width}x{reader.Height} differs from the {frameSize.Width}x{frameSize.Height} of camera '{camera.Id}' (its lines and zones are drawn for that size)");
            }

            var expected = reader.AnnouncedDuration is { } duration ? (long)Math.Ceiling(duration.TotalSeconds * reader.AnalysisFps) : 0;
            var done = resume ?? FileCheckpoint.Start(camera.Id);
            if (done.WindowsDone > 0)
            {
                reader.SkipTo((done.WindowsDone * _window) - Overlap);
            }

            var gate = analysis.MotionGate == MotionGateMode.On
                ? new InferenceGate(new MotionDetector(reader.Width, reader.Height, camera.PrivacyMasks), reader.AnalysisFps, done.WindowsDone, _window, Overlap)
                : null;
            progress.Started(name, expected);
            var (checkpoint, stopped) = await RunStagesAsync(reader, detectors, done, checkpointed, n => progress.Advanced(name, n), gate, cancellationToken);
            analysed = checkpoint.FramesAnalysed;
            decoded = reader.FramesDecoded;
            if (stopped is not null && analysed == 0)
            {
                throw stopped; // not one clean frame: the file failed
            }

            progress.Finished(name, succeeded: stopped is null);
            var outcome = stopped is null
                ? FileOutcome.Analysed(input.CameraId, input.Path, input.Start, sha256, checkpoint.Contribution)
                : FileOutcome.PartlyAnalysed(input.CameraId, input.Path, input.Start, sha256, checkpoint.Contribution, FormattableString.Invariant(
                    $"{InputFailures.Describe(input.Path, stopped)}; the {checkpoint.Contribution.AnalysedSeconds:0.#} s decoded before it are counted, the rest of the file is a coverage gap"));
            return outcome with
            {
                FramesDecoded = decoded,
                FramesAnalysed = analysed,
                FramesSkipped = _framesSkipped,
                WallSeconds = clock.Elapsed.TotalSeconds,
                ResumedFrom = done.WindowsDone > 0 ? done.WindowsDone * _window : null,
                FramesResumed = done.FramesAnalysed,
            };
        }
        catch (Exception e) when (InputFailures.IsInputFailure(e))
        {
            progress.Finished(name, succeeded: false);
            var error = InputFailures.Describe(input.Path, e);
            var failed = e is InputRefusedException ? FileOutcome.Refused(input, error) : FileOutcome.Failed(input, error, InputFailures.KindOf(e));
            return failed with
            {
                Sha256 = sha256,
                FramesDecoded = (e as VideoDecodeException)?.FramesDecoded ?? decoded,
                FramesAnalysed = analysed,
                WallSeconds = clock.Elapsed.TotalSeconds,
            };
        }
    }

    /// <summary>The stages over the file; returns what was counted and, when decoding failed part-way, why it stopped.</summary>
    private async Task<(FileCheckpoint Done, VideoDecodeException? Stopped)> RunStagesAsync(
        VideoReader reader, DetectorLender detectors, FileCheckpoint done, Func<FileCheckpoint, Task>? checkpointed, Action<long> advanced, InferenceGate? gate, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inFlight = FramesInFlight + (2 * detectors.Count);
        using var pool = new FramePool(inFlight + 2);
        var decoded = Channel.CreateBounded<DecodedFrame>(new BoundedChannelOptions(inFlight) { FullMode = BoundedChannelFullMode.Wait, SingleWriter = true });
        var detected = Channel.CreateBounded<FrameObjects>(new BoundedChannelOptions(inFlight) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

        var decode = Task.Run(() => DecodeAsync(reader, pool, decoded.Writer, gate, stop.Token), stop.Token);
        var detectorTasks = Enumerable.Range(0, detectors.Count).Select(_ => Task.Run(() => DetectAsync(detectors, pool, decoded.Reader, detected.Writer, stop.Token), stop.Token)).ToArray();
        var detect = Task.WhenAll(detectorTasks).ContinueWith(
            t =>
            {
                // The last detector to finish closes the channel, with the first failure if any.
                detected.Writer.TryComplete(t.Exception?.GetBaseException());
                t.GetAwaiter().GetResult();
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var count = Task.Run(() => TrackAndCountAsync(reader.AnalysisFps, detected.Reader, done, checkpointed, advanced, gate?.Feed, stop.Token), stop.Token);
        foreach (var stage in (Task[])[decode, count, .. detectorTasks])
        {
            // The first stage to fail stops the others at once: one blocked on a full channel would otherwise wait forever.
            _ = stage.ContinueWith(_ => stop.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        try
        {
            await Task.WhenAll(decode, detect, count);
        }
        catch
        {
            // One stage failed: stop the others before the shared buffers are disposed, then report the root cause.
            await stop.CancelAsync();
            await Task.WhenAll([decode, detect, count, .. detectorTasks]).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw RootCause([decode, .. detectorTasks, count]) ?? new OperationCanceledException(cancellationToken);
        }

        return (await count, await decode);
    }

    /// <summary>
    /// Decodes the frames due into the pipeline. A decoding failure ends the footage where it happened (the frames
    /// before it are clean and go on) and is returned; any other failure fails the stages.
    /// </summary>
    private static async Task<VideoDecodeException?> DecodeAsync(VideoReader reader, FramePool pool, ChannelWriter<DecodedFrame> output, InferenceGate? gate, CancellationToken cancellationToken)
    {
        try
        {
            for (long sequence = 0; ; sequence++)
            {
                var frame = await pool.RentAsync(cancellationToken);
                bool read;
                try
                {
                    read = reader.Read(frame);
                }
                catch (VideoDecodeException stopped)
                {
                    pool.Return(frame);
                    output.Complete();
                    return stopped;
                }

                if (!read)
                {
                    pool.Return(frame);
                    break;
                }

                if (gate is null || await gate.ShouldDetectAsync(sequence, frame, cancellationToken))
                {
                    await output.WriteAsync(new DecodedFrame(sequence, frame, frame.Time), cancellationToken);
                }
                else
                {
                    var time = frame.Time;
                    pool.Return(frame);
                    await output.WriteAsync(new DecodedFrame(sequence, null, time), cancellationToken);
                }
            }

            output.Complete();
            return null;
        }
        catch (Exception e)
        {
            output.Complete(e);
            throw;
        }
    }

    private static async Task DetectAsync(DetectorLender detectors, FramePool pool, ChannelReader<DecodedFrame> input, ChannelWriter<FrameObjects> output, CancellationToken cancellationToken)
    {
        var objects = new List<DetectedObject>(64);
        await foreach (var (sequence, frame, time) in input.ReadAllAsync(cancellationToken))
        {
            if (frame is null)
            {
                await output.WriteAsync(new FrameObjects(sequence, null, 0, time), cancellationToken);
                continue;
            }

            try
            {
                var detector = await detectors.RentAsync(cancellationToken);
                try
                {
                    detector.Detect(frame, objects);
                }
                finally
                {
                    detectors.Return(detector);
                }
            }
            finally
            {
                pool.Return(frame);
            }

            var buffer = ArrayPool<DetectedObject>.Shared.Rent(Math.Max(objects.Count, 1));
            objects.CopyTo(buffer);
            await output.WriteAsync(new FrameObjects(sequence, buffer, objects.Count, time), cancellationToken);
        }
    }

    private async Task<FileCheckpoint> TrackAndCountAsync(
        double analysisFps,
        ChannelReader<FrameObjects> detections,
        FileCheckpoint done,
        Func<FileCheckpoint, Task>? checkpointed,
        Action<long> advanced,
        TrackActivityFeed? feed,
        CancellationToken cancellationToken)
    {
        try
        {
            return await TrackAndCountAsync(analysisFps, detections, done, checkpointed, advanced, feed, feed is null ? null : new TrackActivity(camera.Lines), cancellationToken);
        }
        finally
        {
            feed?.Close(); // the decode thread never waits on a tracker that stopped
        }
    }

    private async Task<FileCheckpoint> TrackAndCountAsync(
        double analysisFps,
        ChannelReader<FrameObjects> detections,
        FileCheckpoint done,
        Func<FileCheckpoint, Task>? checkpointed,
        Action<long> advanced,
        TrackActivityFeed? feed,
        TrackActivity? activity,
        CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(1 / analysisFps);
        var windows = new List<CheckpointWindow>(3);
        var nextWindow = done.WindowsDone;
        var observations = new List<TrackObservation>();
        var ended = new List<EndedTrack>();
        long frames = 0;
        var last = input.Start;
        var firstCounted = done.WindowsDone * _window;
        DetectedObject[] carried = [];
        var carriedCount = 0;
        var newest = -1;

        // Detectors finish frames out of order; hold the early ones until their turn comes.
        var waiting = new Dictionary<long, FrameObjects>();
        await foreach (var arrived in detections.ReadAllAsync(cancellationToken))
        {
            waiting.Add(arrived.Sequence, arrived);
            while (waiting.Remove(frames, out var next))
            {
                var (_, objects, count, time) = next;
                // Windows whose tracking is over are done: checkpoint them, in order, before this frame goes on.
                while (windows.Count > 0 && time.Position >= windows[0].TrackUntil)
                {
                    done = done.Plus(windows[0].Finish(last + period, last: false, ended));
                    windows.RemoveAt(0);
                    if (checkpointed is not null)
                    {
                        await checkpointed(done);
                    }
                }

                while (nextWindow == 0 || time.Position >= (nextWindow * _window) - Overlap)
                {
                    windows.Add(new CheckpointWindow(nextWindow, input.Start, _window, Overlap, camera.Layout(), analysis.Tracker));
                    nextWindow++;
                }

                if (objects is null && time.Position >= firstCounted)
                {
                    _framesSkipped++; // nothing moved since the last detected frame: its objects are still where they were
                }

                foreach (var window in windows)
                {
                    window.Add(time, objects is null ? carried.AsSpan(0, carriedCount) : objects.AsSpan(0, count), observations, ended);
                }

                if (objects is not null)
                {
                    ArrayPool<DetectedObject>.Shared.Return(objects);
                }

                if (feed is not null)
                {
                    // What the newest window's tracker made of the frame (the gate restarted with it, and follows it).
                    if (windows[^1].Index != newest)
                    {
                        activity!.Reset();
                        newest = windows[^1].Index;
                    }

                    if (objects is not null)
                    {
                        // Frames that skip inference carry the objects its confirmed tracks were matched with: a detection
                        // seen once (a tentative track: often a detector's flicker) is not repeated into a confirmed object.
                        carriedCount = 0;
                        foreach (var observation in observations)
                        {
                            if (observation.IsConfirmed)
                            {
                                if (carriedCount == carried.Length)
                                {
                                    Array.Resize(ref carried, Math.Max(8, carried.Length * 2));
                                }

                                carried[carriedCount++] = observation.Detection;
                            }
                        }
                    }

                    feed.Report(frames, activity!.Busy(time.Timestamp, observations));
                }

                last = time.Timestamp;
                if (++frames % 25 == 0)
                {
                    advanced(done.FramesAnalysed + frames);
                }
            }
        }

        Debug.Assert(waiting.Count == 0, "every frame sent to detection comes back");
        advanced(done.FramesAnalysed + frames);

        // The end of the file: the last window counts up to the end of the footage.
        for (var i = 0; i < windows.Count; i++)
        {
            done = done.Plus(windows[i].Finish(last + period, last: i == windows.Count - 1, ended));
        }

        return done with { WindowsDone = nextWindow };
    }

    private static Exception? RootCause(Task[] stages) =>
        stages.Where(t => t.IsFaulted).Select(t => t.Exception!.GetBaseException()).FirstOrDefault(e => e is not OperationCanceledException and not ChannelClosedException)
        ?? stages.Where(t => t.IsFaulted).Select(t => t.Exception!.GetBaseException()).FirstOrDefault();
}

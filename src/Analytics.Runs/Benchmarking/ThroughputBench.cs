using System.Diagnostics;
using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Core.Tracking;
using Analytics.Runs.Jobs;
using Analytics.Runs.Pipeline;
using Analytics.Vision.Detection;
using Analytics.Vision.Models;
using Analytics.Vision.Video;

namespace Analytics.Runs.Benchmarking;

/// <summary>
/// Measures each stage of the pipeline alone on a real video, then the real pipeline end to end, and relates them:
/// the CPU-time ceiling is what all cores could do if they spent their time only on the stages' own work (every
/// frame detected). The end-to-end run has the motion gate as <paramref name="gate"/> says.
/// </summary>
public sealed class ThroughputBench(ModelManifest manifest, string? model, double analysisFps, int files, MotionGateMode gate = MotionGateMode.On)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<BenchReport> RunAsync(string video, Action<string> say, CancellationToken cancellationToken)
    {
        var cores = Environment.ProcessorCount;
        say("decoding");
        var (decode, frames) = MeasureDecode(video);
        try
        {
            using var shared = DetectorPool.Load(manifest, model, new DetectorOptions { ScoreThreshold = 0.1f, IntraOpThreads = cores }, 1);
            var modelId = shared.Model.Id;
            using var detector = (FrameDetector)shared.ShareOut(1)[0][0];
            say("letterbox and tensor fill");
            var letterbox = Measure("letterbox+tensor", frames.Count, () =>
            {
                foreach (var frame in frames)
                {
                    detector.FillInput(frame);
                }
            });

            say("inference, one session on every core");
            var detections = new List<DetectedObject[]>(frames.Count);
            var oneSession = Measure("inference (1 session x " + cores + " threads)", frames.Count, () =>
            {
                var objects = new List<DetectedObject>();
                foreach (var frame in frames)
                {
                    var transform = detector.FillInput(frame);
                    detector.RunInference();
                    detector.Decode(transform, frame.Width, frame.Height, objects);
                    detections.Add([.. objects]);
                }
            }, subtract: letterbox);

            say($"inference, {cores} single-threaded sessions side by side");
            var perCore = MeasureSessionPerCore(frames, cores, letterbox);

            say("tracking and counting");
            var tracking = MeasureTracking(frames, detections);

            say($"end to end, {files} file(s) at once");
            var (endToEnd, skipped) = await MeasureEndToEndAsync(video, frames[0], cores, cancellationToken);
            return new BenchReport(video, model ?? manifest.DefaultId, EffectiveFps, cores, files, decode, letterbox, oneSession, perCore, tracking, endToEnd)
            {
                MotionGate = gate,
                FramesSkipped = skipped,
            };
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    private (StageMeasure, List<VideoFrame>) MeasureDecode(string video)
    {
        var frames = new List<VideoFrame>();
        const int Kept = 300; // frames kept in memory for the stages measured alone
        long decoded = 0;
        var measure = Measure("decode", 0, () =>
        {
            using var reader = VideoReader.Open(video, Start, analysisFps);
            EffectiveFps = reader.AnalysisFps;
            using var buffer = new VideoFrame();
            while (reader.Read(buffer))
            {
                if (frames.Count < Kept)
                {
                    frames.Add(buffer.Clone());
                }

                decoded++;
            }
        });
        return (measure with { Frames = decoded }, frames);
    }

    /// <summary>The analysis rate actually used: the requested one, capped at the video's own.</summary>
    private double EffectiveFps { get; set; }

    private StageMeasure MeasureSessionPerCore(List<VideoFrame> frames, int cores, StageMeasure letterbox)
    {
        using var pool = DetectorPool.Load(manifest, model, new DetectorOptions { ScoreThreshold = 0.1f, IntraOpThreads = 1 }, cores);
        var detectors = pool.ShareOut(cores).Select(share => (FrameDetector)share[0]).ToList();
        try
        {
            return Measure($"inference ({cores} sessions x 1 thread)", frames.Count, () =>
            {
                Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores }, (int worker) =>
                {
                    var objects = new List<DetectedObject>();
                    for (var i = worker; i < frames.Count; i += cores)
                    {
                        var transform = detectors[worker].FillInput(frames[i]);
                        detectors[worker].RunInference();
                        detectors[worker].Decode(transform, frames[i].Width, frames[i].Height, objects);
                    }
                });
            }, subtract: letterbox);
        }
        finally
        {
            detectors.ForEach(d => d.Dispose());
        }
    }

    private static StageMeasure MeasureTracking(List<VideoFrame> frames, List<DetectedObject[]> detections)
    {
        var width = frames[0].Width;
        var height = frames[0].Height;
        var camera = BenchCamera(width, height).Layout();
        const int Repeats = 20; // tracking is fast: repeat to measure it
        return Measure("tracking+counting", (long)detections.Count * Repeats, () =>
        {
            for (var r = 0; r < Repeats; r++)
            {
                var tracker = new ByteTracker(new TrackerOptions());
                var counter = new FileCounter(camera);
                var observations = new List<TrackObservation>();
                var ended = new List<EndedTrack>();
                for (var i = 0; i < detections.Count; i++)
                {
                    var time = Start.AddSeconds(i / 10.0);
                    tracker.Update(time, detections[i], observations, ended);
                    counter.AddFrame(time, observations, ended);
                }

                tracker.Finish(ended);
                counter.Finish(Start.AddSeconds(detections.Count / 10.0), ended);
            }
        });
    }

    private async Task<(StageMeasure EndToEnd, long Skipped)> MeasureEndToEndAsync(string video, VideoFrame sample, int cores, CancellationToken cancellationToken)
    {
        var camera = BenchCamera(sample.Width, sample.Height);
        var analysis = new AnalysisOptions { AnalysisFps = analysisFps, MotionGate = gate };

        // The layout a run uses: one single-threaded session per core, shared out between the files.
        using var pool = DetectorPool.ForRun(manifest, model, analysis.DetectorFloor, ExecutionProvider.Cpu, files);
        var groups = pool.ShareOut(files);
        try
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var outcomes = await Task.WhenAll(groups.Select(detectors =>
                new FileAnalysis(new JobInput("bench", video, Start, "bench"), camera, (sample.Width, sample.Height), analysis)
                    .RunAsync(new DetectorLender(detectors), sha256: "", resume: null, checkpointed: null, NoProgress.Instance, cancellationToken)));
            clock.Stop();
            var failed = outcomes.FirstOrDefault(o => !o.Succeeded);
            if (failed is not null)
            {
                throw new InvalidOperationException(failed.Error);
            }

            var frames = outcomes.Sum(o => o.FramesAnalysed);
            return (new StageMeasure($"end to end ({files} file(s))", frames, clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds), outcomes.Sum(o => o.FramesSkipped));
        }
        finally
        {
            groups.SelectMany(g => g).ToList().ForEach(d => d.Dispose());
        }
    }

    private static CameraJob BenchCamera(int width, int height) => new(
        "bench", "bench", TimeZoneInfo.Utc, [],
        [new CountingLine("middle", new Point2(width / 2f, 0), new Point2(width / 2f, height))],
        [new CountingZone("half", new Polygon([new Point2(0, 0), new Point2(width / 2f, 0), new Point2(width / 2f, height), new Point2(0, height)]))],
        []);

    private static StageMeasure Measure(string name, long frames, Action work, StageMeasure? subtract = null)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        work();
        clock.Stop();
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        var wall = clock.Elapsed.TotalSeconds;
        if (subtract is not null)
        {
            // The inference loops also fill the input tensor: take the letterbox's own share out.
            cpuSeconds = Math.Max(0, cpuSeconds - (subtract.CpuSeconds * frames / Math.Max(subtract.Frames, 1)));
        }

        return new StageMeasure(name, frames, wall, cpuSeconds);
    }
}

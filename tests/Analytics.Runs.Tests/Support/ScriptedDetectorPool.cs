using Analytics.Core.Objects;
using Analytics.Vision.Detection;
using Analytics.Vision.Video;

namespace Analytics.Runs.Tests.Support;

/// <summary>
/// Detectors that find, in each frame, the objects a script gives for the frame's time: the pipeline, the state and
/// the outputs run for real around them, without a model. The script is called from several threads at once (one per
/// session): it must be a pure function of the time.
/// </summary>
internal sealed class ScriptedDetectorPool : IDetectorPool
{
    /// <summary>
    /// The model the scripted detectors stand for, as the audit log, the analysis key and run.json record it. Its
    /// SHA-256 is a fixed fake (no such model file exists), distinct from every real model's.
    /// </summary>
    public static readonly DetectorDescription FakeModel = new(
        "scripted-test-detector", "scripted-test-detector.onnx", FakeSha256, 416, "scripted", "CPU", "test only", 0.45f);

    public const string FakeSha256 = "5c1b7ed0de7ec7015c1b7ed0de7ec7015c1b7ed0de7ec7015c1b7ed0de7ec701";

    private readonly Func<FrameTime, IEnumerable<DetectedObject>> _script;
    private long _frames;
    private int _detecting;

    /// <param name="script">The objects of the frame at a time (boxes in frame pixels).</param>
    /// <param name="sessions">Independent detectors: more than one makes frames finish out of order, as with the real pool.</param>
    public ScriptedDetectorPool(Func<FrameTime, IEnumerable<DetectedObject>> script, int sessions = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sessions, 1);
        _script = script;
        Sessions = sessions;
    }

    /// <summary>The model the detectors stand for: <see cref="FakeModel"/> unless a test gives another.</summary>
    public DetectorDescription Model { get; init; } = FakeModel;

    public int Sessions { get; }

    /// <summary>Called before each frame is detected, on the detector's thread (to act at a point of the run: cancel it, delete a file).</summary>
    public Action<FrameTime>? BeforeDetect { get; init; }

    /// <summary>Frames being detected at this moment, over every session (read from <see cref="BeforeDetect"/>: its own frame counts).</summary>
    public int DetectingNow => Volatile.Read(ref _detecting);

    /// <summary>Frames detected so far, over every session.</summary>
    public long FramesDetected => Interlocked.Read(ref _frames);

    public bool Disposed { get; private set; }

    public IReadOnlyList<IReadOnlyList<IFrameDetector>> ShareOut(int workers)
    {
        var groups = Math.Clamp(workers, 1, Sessions);
        return Enumerable.Range(0, groups)
            .Select(g => (IReadOnlyList<IFrameDetector>)Enumerable.Range(0, Sessions).Where(s => s % groups == g).Select(_ => (IFrameDetector)new Detector(this)).ToList())
            .ToList();
    }

    public void Dispose() => Disposed = true;

    private sealed class Detector(ScriptedDetectorPool pool) : IFrameDetector
    {
        public void Detect(VideoFrame frame, List<DetectedObject> objects)
        {
            Interlocked.Increment(ref pool._detecting);
            try
            {
                pool.BeforeDetect?.Invoke(frame.Time);
                objects.Clear();
                objects.AddRange(pool._script(frame.Time));
                Interlocked.Increment(ref pool._frames);
            }
            finally
            {
                Interlocked.Decrement(ref pool._detecting);
            }
        }

        public void Dispose()
        {
        }
    }
}

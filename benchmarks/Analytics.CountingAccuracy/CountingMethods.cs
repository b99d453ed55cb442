using Analytics.Core.Counting;
using Analytics.Core.Objects;
using Analytics.Core.Tracking;
using Analytics.Runs.Jobs;

namespace Analytics.CountingAccuracy;

/// <summary>
/// One way of turning cached detections into counts: the detector floor the frames are prepared at, how riders and
/// duplicates are merged, and tracking + counting of one checkpoint window.
/// </summary>
internal sealed record CountingMethod(string Name, float Floor, Action<List<DetectedObject>>? Refine, Func<CameraLayout, IReadOnlyList<CachedFrame>, double, FileStatistics> Count)
{
    /// <summary>The tracker settings, where the method uses the product's tracker (for tracing).</summary>
    public TrackerOptions? Tracker { get; init; }
}

/// <summary>The methods compared, by name.</summary>
internal static class CountingMethods
{
    public static readonly AnalysisOptions Analysis = new();

    public static readonly TrackerOptions Tracker = Analysis.Tracker;

    public static readonly List<CountingMethod> All =
    [
        Tracking("before group boxes", Tracker with { SeparateGroupBoxes = false, MotionRecovery = false }),
        Tracking("+ group boxes", Tracker with { MotionRecovery = false }),
        Tracking("product", Tracker),
    ];

    /// <summary>The product's detector floor and merging, with other tracker settings.</summary>
    public static CountingMethod Tracking(string name, TrackerOptions options) =>
        new(name, Analysis.DetectorFloor, null, (camera, frames, fps) => AsCheckpointWindow(camera, frames, fps, options)) { Tracker = options };

    /// <summary>A method by name: one of <see cref="All"/>, or <c>NAME@T</c> (that method at another <c>--threshold</c> T).</summary>
    public static CountingMethod Find(string name)
    {
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            // method@T: the method at another --threshold T.
            var threshold = float.Parse(name[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            var baseMethod = Find(name[..at]);
            var options = baseMethod.Tracker! with { HighScoreThreshold = threshold, NewTrackThreshold = threshold };
            return new(name, baseMethod.Floor, baseMethod.Refine, (camera, frames, fps) => AsCheckpointWindow(camera, frames, fps, options)) { Tracker = options };
        }

        return All.Find(m => m.Name == name) ?? throw new ArgumentException($"no method {name}");
    }

    /// <summary>ByteTracker and FileCounter fed frame by frame, then finished, as a checkpoint window runs them.</summary>
    public static FileStatistics AsCheckpointWindow(CameraLayout camera, IReadOnlyList<CachedFrame> frames, double fps, TrackerOptions options)
    {
        var tracker = new ByteTracker(options);
        var counter = new FileCounter(camera);
        var observations = new List<TrackObservation>();
        var ended = new List<EndedTrack>();
        foreach (var frame in frames)
        {
            tracker.Update(frame.Time, frame.Objects, observations, ended);
            counter.AddFrame(frame.Time, observations, ended);
        }

        tracker.Finish(ended);
        return counter.Finish(frames[^1].Time + TimeSpan.FromSeconds(1 / fps), ended);
    }
}

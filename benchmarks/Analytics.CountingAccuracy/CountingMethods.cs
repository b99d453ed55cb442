using Analytics.Core.Counting;
using Analytics.Core.Tracking;
using Analytics.Runs.Jobs;

namespace Analytics.CountingAccuracy;

/// <summary>Tracking and counting of one clip's cached detections, as one checkpoint window does it.</summary>
internal delegate FileStatistics CountingMethod(CameraLayout camera, IReadOnlyList<CachedFrame> frames, double fps);

/// <summary>The methods compared, by name.</summary>
internal static class CountingMethods
{
    public static readonly TrackerOptions Tracker = new AnalysisOptions().Tracker;

    public static readonly Dictionary<string, CountingMethod> All = new(StringComparer.Ordinal)
    {
        ["product"] = (camera, frames, fps) => AsCheckpointWindow(camera, frames, fps, Tracker),
    };

    /// <summary>ByteTracker and FileCounter fed frame by frame, then finished, as a checkpoint window runs them.</summary>
    private static FileStatistics AsCheckpointWindow(CameraLayout camera, IReadOnlyList<CachedFrame> frames, double fps, TrackerOptions options)
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

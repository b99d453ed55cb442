using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Core.Tracking;

namespace Analytics.Core.Tests;

/// <summary>A synthetic object: what the detector would report for it at a time (seconds from the start), or null when unseen.</summary>
internal delegate DetectedObject? Appearance(double seconds);

/// <summary>Synthetic scenes: objects moving on straight paths, detected frame by frame, run through the real tracker and counter.</summary>
internal static class SyntheticScene
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(1));

    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>A box of <paramref name="width"/>×<paramref name="height"/> whose anchor (bottom-centre) moves from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static Appearance Walk(Point2 from, Point2 to, double startSeconds, double durationSeconds, ObjectClass objectClass = ObjectClass.Pedestrian,
        VehicleKind kind = VehicleKind.None, float width = 20, float height = 50, float score = 0.8f) =>
        t =>
        {
            if (t < startSeconds || t > startSeconds + durationSeconds)
            {
                return null;
            }

            var f = (float)((t - startSeconds) / durationSeconds);
            var anchor = new Point2(from.X + ((to.X - from.X) * f), from.Y + ((to.Y - from.Y) * f));
            return new DetectedObject(new Box(anchor.X - (width / 2), anchor.Y - height, anchor.X + (width / 2), anchor.Y), score, objectClass, kind);
        };

    /// <summary>The same object, unseen between <paramref name="fromSeconds"/> and <paramref name="toSeconds"/> (an occlusion).</summary>
    public static Appearance Hidden(this Appearance appearance, double fromSeconds, double toSeconds) =>
        t => t >= fromSeconds && t < toSeconds ? null : appearance(t);

    /// <summary>The same object, its class and score replaced at some times (flicker, low-confidence frames).</summary>
    public static Appearance Varying(this Appearance appearance, Func<double, DetectedObject, DetectedObject> change) =>
        t => appearance(t) is { } seen ? change(t, seen) : null;

    public static CameraLayout Camera(IReadOnlyList<CountingLine>? lines = null, IReadOnlyList<CountingZone>? zones = null) =>
        new("cam-01", lines ?? [], zones ?? []);

    /// <summary>The camera as the aggregator sees it: binned on the Paris wall clock.</summary>
    public static BinnedCamera Binned(CameraLayout camera, int binMinutes = 15) => new(camera, new TimeBinning(binMinutes, Paris));

    /// <summary>Runs the scene at <paramref name="fps"/> for <paramref name="seconds"/> through ByteTracker and FileCounter.</summary>
    public static FileStatistics Run(CameraLayout camera, double fps, double seconds, IEnumerable<Appearance> objects, TrackerOptions? options = null, DateTimeOffset? start = null)
    {
        var tracker = new ByteTracker(options ?? new TrackerOptions());
        var counter = new FileCounter(camera);
        var observations = new List<TrackObservation>();
        var ended = new List<EndedTrack>();
        var detections = new List<DetectedObject>();
        var all = objects.ToList();
        var origin = start ?? Start;
        var frames = (int)Math.Round(seconds * fps);
        for (var i = 0; i < frames; i++)
        {
            var t = i / fps;
            detections.Clear();
            detections.AddRange(all.Select(o => o(t)).OfType<DetectedObject>());
            var time = origin + TimeSpan.FromSeconds(t);
            tracker.Update(time, detections.ToArray(), observations, ended);
            counter.AddFrame(time, observations, ended);
        }

        tracker.Finish(ended);
        return counter.Finish(origin + TimeSpan.FromSeconds(frames / fps), ended);
    }
}

using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Core.Tracking;

namespace Analytics.CountingAccuracy;

/// <summary>One observation of a recorded track: filtered box, matched detection, and the two-wheeler detections beside it.</summary>
internal sealed record RecordedObservation(int Frame, DateTimeOffset Time, Box Filtered, DetectedObject Detection, DetectedObject[] TwoWheelers);

/// <summary>A track as the online tracker produced it, with its whole life (the prototype sees the whole window's future).</summary>
internal sealed class RecordedTrack(int id)
{
    public int Id { get; } = id;

    public List<RecordedObservation> Observations { get; } = [];

    public bool Confirmed { get; set; }

    public ObjectClass Class { get; set; }

    public VehicleKind Kind { get; set; }

    public ClassEvidence Evidence { get; set; }

    public RecordedObservation First => Observations[0];

    public RecordedObservation Last => Observations[^1];
}

/// <summary>The online tracker's tracks, recorded whole (for tracing what the tracker did near a line).</summary>
internal static class TrackRecorder
{
    public static (List<RecordedTrack> Tracks, List<DateTimeOffset> Times) Record(IReadOnlyList<CachedFrame> frames, TrackerOptions options)
    {
        var tracker = new ByteTracker(options);
        var observations = new List<TrackObservation>();
        var ended = new List<EndedTrack>();
        var tracks = new Dictionary<int, RecordedTrack>();
        var result = new List<RecordedTrack>();
        var times = new List<DateTimeOffset>();
        void End(List<EndedTrack> list)
        {
            foreach (var e in list)
            {
                if (tracks.Remove(e.TrackId, out var track) && e.IsConfirmed)
                {
                    (track.Confirmed, track.Class, track.Kind, track.Evidence) = (true, e.Class, e.Kind, e.Evidence);
                    result.Add(track);
                }
            }
        }

        for (var f = 0; f < frames.Count; f++)
        {
            var frame = frames[f];
            times.Add(frame.Time);
            tracker.Update(frame.Time, frame.Objects, observations, ended);
            foreach (var o in observations)
            {
                if (!tracks.TryGetValue(o.TrackId, out var track))
                {
                    tracks[o.TrackId] = track = new RecordedTrack(o.TrackId);
                }

                var twoWheelers = frame.Objects.Where(d => d != o.Detection && IsTwoWheeler(d) && Beside(o.Detection.Box, d.Box)).ToArray();
                track.Observations.Add(new RecordedObservation(f, frame.Time, o.Box, o.Detection, twoWheelers));
            }

            End(ended);
        }

        tracker.Finish(ended);
        End(ended);
        result.Sort((a, b) => a.Id.CompareTo(b.Id));
        return (result, times);
    }

    public static bool IsTwoWheeler(in DetectedObject d) => d.Class == ObjectClass.Cycle || (d.Class == ObjectClass.Vehicle && d.Kind == VehicleKind.Motorcycle);

    /// <summary>A two-wheeler box that travels with a person: mostly within the person's width, its bottom near the person's feet.</summary>
    public static bool Beside(in Box person, in Box wheeler) =>
        wheeler.Area > 0 && person.IntersectionArea(wheeler) / wheeler.Area >= 0.3f && MathF.Abs(wheeler.Bottom - person.Bottom) <= 0.3f * person.Height;
}

using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Core.Tracking;

namespace Analytics.Core.Tests.Tracking;

public sealed class ByteTrackerTests
{
    private static readonly DateTimeOffset T0 = SyntheticScene.Start;

    /// <summary>Runs the tracker alone and returns, per frame, the confirmed observations, plus every confirmed track that ended.</summary>
    private static (List<List<TrackObservation>> Frames, List<EndedTrack> Ended) Track(double fps, double seconds, TrackerOptions? options, params Appearance[] objects)
    {
        var tracker = new ByteTracker(options ?? new TrackerOptions());
        var frames = new List<List<TrackObservation>>();
        var ended = new List<EndedTrack>();
        var observations = new List<TrackObservation>();
        var endedNow = new List<EndedTrack>();
        for (var i = 0; i < (int)Math.Round(seconds * fps); i++)
        {
            var t = i / fps;
            tracker.Update(T0 + TimeSpan.FromSeconds(t), objects.Select(o => o(t)).OfType<DetectedObject>().ToArray(), observations, endedNow);
            frames.Add([.. observations.Where(o => o.IsConfirmed)]);
            ended.AddRange(endedNow.Where(e => e.IsConfirmed));
        }

        tracker.Finish(endedNow);
        ended.AddRange(endedNow.Where(e => e.IsConfirmed));
        return (frames, ended);
    }

    [Fact]
    public void A_walking_person_keeps_one_id_and_is_reported_only_once_confirmed()
    {
        var (frames, ended) = Track(10, 10, null, SyntheticScene.Walk(new Point2(50, 200), new Point2(400, 220), 0, 10));

        Assert.Empty(frames[0]); // tentative on its first frame
        Assert.All(frames.Skip(1), f => Assert.Equal(1, Assert.Single(f).TrackId));
        var track = Assert.Single(ended);
        Assert.Equal((1, ObjectClass.Pedestrian), (track.TrackId, track.Class));
    }

    [Fact]
    public void A_one_frame_false_positive_is_never_confirmed()
    {
        Appearance flash = t => t is >= 1.0 and < 1.05 ? new DetectedObject(new Box(100, 100, 120, 150), 0.9f, ObjectClass.Pedestrian) : null;

        var (frames, ended) = Track(10, 3, null, flash);

        Assert.All(frames, Assert.Empty);
        Assert.Empty(ended);
    }

    public static TheoryData<double> FrameRates => [2, 5, 10, 25];

    [Theory]
    [MemberData(nameof(FrameRates))]
    public void An_occlusion_shorter_than_the_lost_buffer_keeps_the_id_at_any_frame_rate(double fps)
    {
        // 1.5 s behind a pillar, buffer 2 s: the same track comes out, whatever the analysis rate.
        var person = SyntheticScene.Walk(new Point2(50, 200), new Point2(450, 200), 0, 10, width: 30, height: 60).Hidden(4, 5.5);

        var (frames, ended) = Track(fps, 10, null, person);

        Assert.Equal([1], frames.SelectMany(f => f).Select(o => o.TrackId).Distinct());
        Assert.Single(ended);
    }

    [Fact]
    public void An_occlusion_longer_than_the_lost_buffer_ends_the_track_and_starts_a_new_one()
    {
        var person = SyntheticScene.Walk(new Point2(50, 200), new Point2(450, 200), 0, 10, width: 30, height: 60).Hidden(3, 6);

        var (frames, ended) = Track(10, 10, null, person);

        Assert.Equal([1, 2], frames.SelectMany(f => f).Select(o => o.TrackId).Distinct());
        Assert.Equal([1, 2], ended.Select(e => e.TrackId));
    }

    [Fact]
    public void Low_score_detections_keep_a_track_alive_through_partial_occlusion()
    {
        // Half hidden for 3 s: the detector still sees the person, at 0.2 (below the 0.35 high threshold).
        var person = SyntheticScene.Walk(new Point2(50, 200), new Point2(450, 200), 0, 10)
            .Varying((t, d) => t is >= 3 and < 6 ? d with { Score = 0.2f } : d);

        var (frames, ended) = Track(10, 10, null, person);

        Assert.Single(ended);
        Assert.All(frames.Skip(1), f => Assert.Equal(1, Assert.Single(f).TrackId)); // reported through the low-score stretch
    }

    [Fact]
    public void Class_flicker_between_car_and_truck_keeps_one_track_counted_as_its_majority()
    {
        var van = SyntheticScene.Walk(new Point2(0, 300), new Point2(600, 300), 0, 6, ObjectClass.Vehicle, VehicleKind.Car, 80, 50)
            .Varying((t, d) => ((int)(t * 10)) % 3 == 0 ? d with { Kind = VehicleKind.Truck } : d);

        var (_, ended) = Track(10, 6, null, van);

        var track = Assert.Single(ended);
        Assert.Equal((ObjectClass.Vehicle, VehicleKind.Car), (track.Class, track.Kind));
    }

    [Fact]
    public void A_rider_seen_without_the_bicycle_on_some_frames_stays_one_cycle()
    {
        var cyclist = SyntheticScene.Walk(new Point2(0, 300), new Point2(600, 300), 0, 5, ObjectClass.Cycle, width: 40, height: 60)
            .Varying((t, d) => ((int)(t * 10)) % 4 == 0 ? d with { Class = ObjectClass.Pedestrian } : d);

        var (_, ended) = Track(10, 5, null, cyclist);

        Assert.Equal(ObjectClass.Cycle, Assert.Single(ended).Class);
    }

    [Fact]
    public void A_bicycle_box_seen_apart_from_its_rider_is_the_rider_s_evidence_not_another_object()
    {
        // The detector reports the rider alone and, on every other frame, the bicycle under them unmerged.
        var rider = SyntheticScene.Walk(new Point2(0, 300), new Point2(600, 300), 0, 5, width: 24, height: 60);
        Appearance bicycle = t => ((int)Math.Round(t * 10)) % 2 == 0 && rider(t) is { } r
            ? new DetectedObject(new Box(r.Box.Left - 8, r.Box.Bottom - 30, r.Box.Right + 8, r.Box.Bottom + 5), 0.6f, ObjectClass.Cycle)
            : null;

        var (_, ended) = Track(10, 5, null, rider, bicycle);

        Assert.Equal(ObjectClass.Cycle, Assert.Single(ended).Class);
    }

    [Fact]
    public void A_rider_seen_alone_and_on_a_motorcycle_keeps_one_track()
    {
        var motorcyclist = SyntheticScene.Walk(new Point2(0, 300), new Point2(600, 300), 0, 5, ObjectClass.Vehicle, VehicleKind.Motorcycle, 40, 60)
            .Varying((t, d) => t < 1.5 ? d with { Class = ObjectClass.Pedestrian, Kind = VehicleKind.None } : d);

        var (_, ended) = Track(10, 5, null, motorcyclist);

        var track = Assert.Single(ended);
        Assert.Equal((ObjectClass.Vehicle, VehicleKind.Motorcycle), (track.Class, track.Kind));
    }

    [Fact]
    public void A_person_never_takes_over_a_car_track()
    {
        // A car parks; a pedestrian is detected at the same place for a moment: a separate track, not the car's.
        Appearance car = _ => new DetectedObject(new Box(100, 100, 200, 160), 0.9f, ObjectClass.Vehicle, VehicleKind.Car);
        Appearance person = t => t is >= 2 and < 3 ? new DetectedObject(new Box(105, 102, 198, 160), 0.9f, ObjectClass.Pedestrian) : null;

        var (_, ended) = Track(10, 4, null, car, person);

        Assert.Equal(2, ended.Count);
        Assert.Contains(ended, e => e.Class == ObjectClass.Vehicle);
        Assert.Contains(ended, e => e.Class == ObjectClass.Pedestrian);
    }

    [Fact]
    public void Two_people_walking_side_by_side_keep_their_own_ids()
    {
        var upper = SyntheticScene.Walk(new Point2(50, 200), new Point2(450, 200), 0, 8);
        var lower = SyntheticScene.Walk(new Point2(50, 260), new Point2(450, 260), 0, 8);

        var (frames, ended) = Track(10, 8, null, upper, lower);

        Assert.Equal(2, ended.Count);
        foreach (var frame in frames.Skip(1))
        {
            Assert.Equal(2, frame.Count);
            Assert.Equal(1, frame.Single(o => o.Anchor.Y < 230).TrackId);
            Assert.Equal(2, frame.Single(o => o.Anchor.Y > 230).TrackId);
        }
    }

    [Fact]
    public void Frames_out_of_time_order_are_refused()
    {
        var tracker = new ByteTracker(new TrackerOptions());
        tracker.Update(T0.AddSeconds(1), [], [], []);

        Assert.Throws<ArgumentException>(() => tracker.Update(T0, [], [], []));
    }

    [Fact]
    public void Inconsistent_options_are_refused_with_their_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => new ByteTracker(new TrackerOptions { LowScoreThreshold = 0.6f, HighScoreThreshold = 0.5f }));

        Assert.Contains("low (0.6) ≤ high (0.5)", error.Message, StringComparison.Ordinal);
    }
}

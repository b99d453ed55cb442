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

    /// <summary>
    /// Weak detections (below the 0.35 high threshold): which objects they make, at 10 fps over 6 s. A weak car, bus or
    /// truck detection starts a tentative track, which counts once one of its detections is high; a weak person or
    /// two-wheeler box starts nothing; a weak box lying within an object already followed is a part of it.
    /// </summary>
    private static readonly Dictionary<string, (Appearance[] Objects, ObjectClass[] Expected)> WeakDetectionScenes = new()
    {
        ["a car cut by the frame's top edge, 0.2-0.3 on every frame and 0.5 on one: one vehicle"] = ([Car(0.25f).Varying((t, d) => Frame(t) == 30 ? d with { Score = 0.5f } : d with { Score = Frame(t) % 2 == 0 ? 0.2f : 0.3f })], [ObjectClass.Vehicle]),
        ["a car never above 0.3: nothing (no detection of it reached the threshold)"] = ([Car(0.3f)], []),
        ["a truck at 0.2 with a single 0.6 on the last frame: one vehicle"] = ([Car(0.2f, VehicleKind.Truck).Varying((t, d) => Frame(t) == 59 ? d with { Score = 0.6f } : d)], [ObjectClass.Vehicle]),
        ["a person at 0.25 with a single 0.6 on the last frame: nothing (weak people start no track)"] = ([SyntheticScene.Walk(new Point2(50, 200), new Point2(450, 200), 0, 6, score: 0.25f).Varying((t, d) => Frame(t) == 59 ? d with { Score = 0.6f } : d)], []),
        ["a person seen high once, then low: one pedestrian (a tentative track is kept by its low detections)"] = ([SyntheticScene.Walk(new Point2(50, 200), new Point2(450, 200), 0, 6).Varying((t, d) => Frame(t) == 10 ? d : d with { Score = 0.2f })], [ObjectClass.Pedestrian]),
        ["a low car box on the bonnet of a car already followed: one vehicle, not two"] = ([Car(0.8f), t => Car(0.8f)(t) is { } car ? new DetectedObject(new Box(car.Box.Left + 10, car.Box.Top + 5, car.Box.Left + 60, car.Box.Bottom), 0.3f, ObjectClass.Vehicle, VehicleKind.Car) : null], [ObjectClass.Vehicle]),
        ["a bicycle at 0.3 with a single 0.6 on the last frame: nothing (weak two-wheelers start no track)"] = ([SyntheticScene.Walk(new Point2(50, 200), new Point2(450, 200), 0, 6, ObjectClass.Cycle, width: 40, height: 30, score: 0.3f).Varying((t, d) => Frame(t) == 59 ? d with { Score = 0.6f } : d)], []),
    };

    public static TheoryData<string> WeakDetectionCases => [.. WeakDetectionScenes.Keys];

    [Theory]
    [MemberData(nameof(WeakDetectionCases))]
    public void Weak_vehicle_detections_start_tracks_that_count_once_one_detection_is_high(string situation)
    {
        var (objects, expected) = WeakDetectionScenes[situation];

        var (_, ended) = Track(10, 6, null, objects);

        Assert.True(expected.SequenceEqual(ended.Select(e => e.Class)), $"{situation}: got {string.Join(", ", ended.Select(e => e.Class))}");
    }

    [Fact]
    public void A_low_detection_a_track_took_is_not_given_to_a_tentative_track_as_well()
    {
        // A person walks; for one frame a second high box appears beside them (a tentative track), and on the next
        // frame the person scores low: that detection is the person's track's, not also the tentative one's second hit.
        var person = SyntheticScene.Walk(new Point2(50, 200), new Point2(450, 200), 0, 6).Varying((t, d) => Frame(t) == 31 ? d with { Score = 0.2f } : d);
        Appearance beside = t => Frame(t) == 30 && person(t) is { } p ? new DetectedObject(p.Box with { Left = p.Box.Left + 4, Right = p.Box.Right + 4 }, 0.5f, ObjectClass.Pedestrian) : null;

        var (_, ended) = Track(10, 6, null, person, beside);

        Assert.Single(ended);
    }

    [Fact]
    public void A_fast_half_visible_car_at_5_fps_keeps_one_track_though_its_boxes_do_not_overlap()
    {
        // 110 px long, 30 px high (cut by the top edge), 375 px/s: 75 px between frames at 5 fps, IoU 0.2. Weak (0.3)
        // with a high detection every fifth frame, as YOLOX-Nano sees the top lane of the avenue clip.
        var car = SyntheticScene.Walk(new Point2(620, 30), new Point2(20, 30), 0, 1.6, ObjectClass.Vehicle, VehicleKind.Car, 110, 30, 0.3f)
            .Varying((t, d) => Frame(t * 2) % 5 == 1 ? d with { Score = 0.5f } : d);

        var (frames, ended) = Track(5, 1.6, null, car);

        Assert.Equal(ObjectClass.Vehicle, Assert.Single(ended).Class);
        Assert.Equal([1], frames.SelectMany(f => f).Select(o => o.TrackId).Distinct());
    }

    public static TheoryData<string, Box, Box, double, bool> TentativeMotionCases => new()
    {
        { "a person 20 px further after 0.1 s", new Box(100, 100, 120, 150), new Box(120, 100, 140, 150), 0.1, true },
        { "a person 120 px further after 0.1 s (another person)", new Box(100, 100, 120, 150), new Box(220, 100, 240, 150), 0.1, false },
        { "a car seen from the side, 75 px further after 0.2 s (a long, low box)", new Box(500, 0, 610, 30), new Box(425, 0, 535, 32), 0.2, true },
        { "a car 300 px further after 0.2 s", new Box(500, 0, 610, 30), new Box(200, 0, 310, 32), 0.2, false },
        { "a box twice as high: another object", new Box(100, 100, 120, 150), new Box(100, 45, 125, 150), 0.1, false },
    };

    [Theory]
    [MemberData(nameof(TentativeMotionCases))]
    public void A_tentative_track_may_take_a_detection_within_three_of_its_lengths_per_second(string situation, Box previous, Box detection, double seconds, bool allowed)
    {
        var cost = ByteTracker.TentativeMotionCost(previous, detection, seconds, 0.7);

        Assert.True(double.IsFinite(cost) == allowed, situation);
        Assert.InRange(double.IsFinite(cost) ? cost : 0, 0, 0.7);
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
    public void A_box_round_two_people_one_behind_the_other_is_not_taken_by_the_farther_one()
    {
        // PETS at 35.4 s: a far person (40 px tall) walks along; a nearer one crosses in front, and for 0.5 s the
        // detector sees one box from the far person's head to the near person's feet, 90 px tall. Taken by the far
        // person's track (IoU 0.37 with it), it would move their feet 50 px down the image, across any line in between.
        var walk = SyntheticScene.Walk(new Point2(200, 150), new Point2(320, 150), 0, 6, height: 40);
        var near = SyntheticScene.Walk(new Point2(300, 180), new Point2(200, 220), 0, 6, height: 60).Hidden(3, 3.5);
        Appearance group = t => t is >= 3 and < 3.5 && walk(t) is { } f ? new DetectedObject(new Box(f.Box.Left - 2, 110, f.Box.Right + 2, 200), 0.8f, ObjectClass.Pedestrian) : null;
        var far = walk.Hidden(3, 3.5);

        var (frames, _) = Track(10, 6, null, far, near, group);

        var farTrack = frames[25].Single(o => o.Anchor.Y < 170).TrackId;
        Assert.All(frames.Where(f => f.Any(o => o.TrackId == farTrack)), f => Assert.InRange(f.Single(o => o.TrackId == farTrack).Anchor.Y, 145, 155));
    }

    [Fact]
    public void A_box_round_a_standing_person_and_one_passing_in_front_goes_to_the_one_whose_feet_bound_it()
    {
        // PETS at 10.3 s: a person stands (anchor y = 160) while another walks past in front of them (anchor y = 176);
        // for 0.3 s the detector sees one box from the standing person's head to the walker's feet. It overlaps the
        // standing person's box more than the walker's; taken by the standing person's track, it would move their feet
        // 16 px down the image (across a line in between) and leave the walker's track to take the wrong box after.
        Appearance standing = _ => new DetectedObject(new Box(240, 110, 260, 160), 0.8f, ObjectClass.Pedestrian);
        var walking = SyntheticScene.Walk(new Point2(190, 176), new Point2(310, 176), 0, 3, width: 17);
        static bool Passing(double t) => t is >= 1.4 and < 1.7;
        Appearance group = t => Passing(t) && walking(t) is { } w ? new DetectedObject(w.Box.Union(new Box(240, 110, 260, 160)), 0.8f, ObjectClass.Pedestrian) : null;

        var (frames, ended) = Track(10, 3, null, standing.Hidden(1.4, 1.7), walking.Hidden(1.4, 1.7), group);

        var standingTrack = frames[5].Single(o => o.Anchor.Y < 166).TrackId;
        var walkingTrack = frames[5].Single(o => o.Anchor.Y > 166).TrackId;
        Assert.All(frames.SelectMany(f => f).Where(o => o.TrackId == standingTrack), o => Assert.InRange(o.Anchor.Y, 158, 162));
        Assert.All(frames.SelectMany(f => f).Where(o => o.TrackId == walkingTrack), o => Assert.InRange(o.Anchor.Y, 174, 178));
        Assert.Equal(walkingTrack, frames[^1].Single(o => o.Anchor.Y > 166).TrackId);
        Assert.Equal(2, ended.Count);
    }

    [Fact]
    public void A_person_who_waits_then_runs_keeps_one_track_at_5_fps_though_the_boxes_stop_overlapping()
    {
        // Standing for 2 s (no velocity), then running at 2 body heights a second: at 5 fps the first running box lies
        // 20 px from the standing one, a box 20 px wide: no overlap. Where the motion leads, it is the same person.
        Appearance person = t => t < 2
            ? new DetectedObject(new Box(90, 150, 110, 200), 0.8f, ObjectClass.Pedestrian)
            : new DetectedObject(new Box(90 + (float)((t - 2) * 100), 150, 110 + (float)((t - 2) * 100), 200), 0.8f, ObjectClass.Pedestrian);

        var (frames, ended) = Track(5, 4, null, person);

        Assert.Equal([1], frames.SelectMany(f => f).Select(o => o.TrackId).Distinct());
        Assert.Single(ended);
    }

    public static TheoryData<string, Box, Box, double, bool> MotionCases => new()
    {
        { "the same size, 20 px from the prediction after 0.2 s (allowed 35)", new Box(90, 150, 110, 200), new Box(110, 150, 130, 200), 0.2, true },
        { "40 px from it after 0.2 s", new Box(90, 150, 110, 200), new Box(130, 150, 150, 200), 0.2, false },
        { "40 px after 0.4 s (allowed 45)", new Box(90, 150, 110, 200), new Box(130, 150, 150, 200), 0.4, true },
        { "near, but three times as tall (a group or a part)", new Box(90, 150, 110, 200), new Box(95, 50, 115, 200), 0.2, false },
    };

    [Theory]
    [MemberData(nameof(MotionCases))]
    public void A_confirmed_track_may_take_a_box_within_half_a_length_plus_one_length_per_second_of_its_prediction(string situation, Box predicted, Box detection, double seconds, bool allowed)
    {
        var cost = ByteTracker.MotionCost(predicted, detection, seconds);

        Assert.True(allowed == !double.IsPositiveInfinity(cost), situation);
        Assert.True(double.IsPositiveInfinity(cost) || cost is >= 0 and <= 1, situation);
    }

    public static TheoryData<string, Box, Box, bool> SizeCases => new()
    {
        { "the same person", new Box(100, 100, 120, 150), new Box(102, 101, 122, 152), true },
        { "a person and a box 1.5 times as tall (nearer the camera a moment later, partly hidden before)", new Box(100, 100, 120, 150), new Box(98, 100, 128, 175), true },
        { "a far person and a box round them and a nearer person in front (PETS, 2.3 times as tall)", new Box(221, 111, 259, 149), new Box(216, 110, 270, 200), false },
        { "a person and their legs (a third of the height)", new Box(100, 100, 120, 150), new Box(102, 133, 118, 150), false },
    };

    [Theory]
    [MemberData(nameof(SizeCases))]
    public void Boxes_more_than_twice_as_tall_or_half_as_tall_are_never_one_object(string situation, Box track, Box detection, bool same)
    {
        Assert.True(ByteTracker.SameSize(track, detection) == same, situation);
        Assert.True(ByteTracker.SameSize(detection, track) == same, situation);
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

    private static int Frame(double seconds) => (int)Math.Round(seconds * 10);

    /// <summary>A car crossing the frame at the top edge (a flat box), at <paramref name="score"/>.</summary>
    private static Appearance Car(float score, VehicleKind kind = VehicleKind.Car) =>
        SyntheticScene.Walk(new Point2(600, 30), new Point2(40, 30), 0, 6, ObjectClass.Vehicle, kind, 110, 30, score);
}

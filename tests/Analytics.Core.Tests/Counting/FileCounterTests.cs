using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Core.Tracking;

namespace Analytics.Core.Tests.Counting;

/// <summary>Counting through the real tracker, on synthetic scenes.</summary>
public sealed class FileCounterTests
{
    private static readonly CountingLine Crossing = new("crossing", new Point2(0, 200), new Point2(480, 200), "southbound", "northbound");

    public static TheoryData<double, double, float> RatesSpeedsAndAngles()
    {
        var data = new TheoryData<double, double, float>();
        foreach (var fps in new[] { 1.0, 2, 5, 10, 12.5, 25, 30 })
        {
            foreach (var seconds in new[] { 4.0, 10 })
            {
                foreach (var slant in new[] { -150f, 0f, 120f })
                {
                    data.Add(fps, seconds, slant);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RatesSpeedsAndAngles))]
    public void A_straight_walk_across_a_line_counts_exactly_once_at_any_sampling_rate(double fps, double seconds, float slant)
    {
        // From 150 px above the line to 150 px below, at a slant, in 4 s (fast) or 10 s (slow).
        var walker = SyntheticScene.Walk(new Point2(240 - slant, 50), new Point2(240 + slant, 350), 0.3, seconds - 0.6, width: 24, height: 60);

        var statistics = SyntheticScene.Run(SyntheticScene.Camera([Crossing]), fps, seconds, [walker]);

        var crossing = Assert.Single(statistics.Crossings);
        Assert.Equal((CrossingDirection.Forward, ObjectClass.Pedestrian), (crossing.Direction, crossing.Class.Class));
        var expected = SyntheticScene.Start + TimeSpan.FromSeconds(seconds / 2);
        Assert.InRange(crossing.Time, expected - TimeSpan.FromSeconds(0.6), expected + TimeSpan.FromSeconds(0.6)); // mid-walk, within interpolation error
    }

    [Fact]
    public void Two_people_crossing_together_both_count()
    {
        var left = SyntheticScene.Walk(new Point2(200, 100), new Point2(200, 300), 0, 5);
        var right = SyntheticScene.Walk(new Point2(235, 100), new Point2(235, 300), 0, 5);

        var statistics = SyntheticScene.Run(SyntheticScene.Camera([Crossing]), 10, 6, [left, right]);

        Assert.Equal(2, statistics.Crossings.Count(c => c.Direction == CrossingDirection.Forward));
    }

    [Fact]
    public void A_person_crossing_back_later_counts_again()
    {
        var down = SyntheticScene.Walk(new Point2(200, 100), new Point2(200, 300), 0, 4);
        var back = SyntheticScene.Walk(new Point2(200, 300), new Point2(200, 100), 4, 4);
        Appearance both = t => down(t) ?? back(t);

        var statistics = SyntheticScene.Run(SyntheticScene.Camera([Crossing]), 10, 9, [both]);

        Assert.Equal([CrossingDirection.Forward, CrossingDirection.Backward], statistics.Crossings.Select(c => c.Direction));
    }

    [Fact]
    public void A_track_lost_at_the_line_and_recovered_counts_once()
    {
        // Occluded for 1.5 s exactly while on the line (the failure mode that makes other counters double count or miss).
        var walker = SyntheticScene.Walk(new Point2(200, 50), new Point2(200, 350), 0, 10, width: 30, height: 60).Hidden(4.3, 5.8);

        var statistics = SyntheticScene.Run(SyntheticScene.Camera([Crossing]), 10, 10, [walker]);

        Assert.Single(statistics.Crossings);
    }

    [Fact]
    public void An_id_switch_at_the_line_never_double_counts()
    {
        // Hidden for longer than the lost buffer while on the line: the tracker starts a new id on the far side.
        // Neither half saw a full crossing, so the passage is missed rather than counted twice.
        var walker = SyntheticScene.Walk(new Point2(200, 50), new Point2(200, 350), 0, 12, width: 30, height: 60).Hidden(5.2, 7.8);

        var statistics = SyntheticScene.Run(SyntheticScene.Camera([Crossing]), 10, 12, [walker], new TrackerOptions { LostTrackBuffer = TimeSpan.FromSeconds(1) });

        Assert.Empty(statistics.Crossings);
    }

    [Fact]
    public void An_unconfirmed_flash_on_the_line_never_counts()
    {
        // Two frames whose boxes jump across the line, with confirmation after three: a glitch, never counted.
        Appearance flash = t => t is >= 1 and < 1.15
            ? new DetectedObject(new Box(190, t < 1.05 ? 150 : 190, 210, t < 1.05 ? 195 : 260), 0.9f, ObjectClass.Pedestrian)
            : null;

        var statistics = SyntheticScene.Run(SyntheticScene.Camera([Crossing]), 10, 3, [flash], new TrackerOptions { ConfirmationHits = 3 });

        Assert.Empty(statistics.Crossings);
    }

    [Fact]
    public void A_cyclist_whose_rider_is_sometimes_seen_alone_counts_once_as_a_cycle()
    {
        var cyclist = SyntheticScene.Walk(new Point2(100, 50), new Point2(100, 350), 0, 3, ObjectClass.Cycle, width: 40, height: 70)
            .Varying((t, d) => ((int)(t * 10)) % 3 == 0 ? d with { Class = ObjectClass.Pedestrian } : d);

        var statistics = SyntheticScene.Run(SyntheticScene.Camera([Crossing]), 10, 3, [cyclist]);

        Assert.Equal(ObjectClass.Cycle, Assert.Single(statistics.Crossings).Class.Class);
    }

    [Fact]
    public void A_van_flickering_between_car_and_truck_counts_once_under_its_majority()
    {
        var van = SyntheticScene.Walk(new Point2(300, 30), new Point2(300, 380), 0, 3, ObjectClass.Vehicle, VehicleKind.Truck, 80, 60)
            .Varying((t, d) => ((int)(t * 10)) % 3 == 0 ? d with { Kind = VehicleKind.Car } : d);

        var statistics = SyntheticScene.Run(SyntheticScene.Camera([Crossing]), 10, 3, [van]);

        Assert.Equal(new ClassKey(ObjectClass.Vehicle, VehicleKind.Truck), Assert.Single(statistics.Crossings).Class);
    }

    [Fact]
    public void A_zone_records_entries_and_presence_of_confirmed_objects()
    {
        // Zone x 100..300; a person walks through it at 20 px/s (10 s inside), another stands in it from the start.
        var plaza = new CountingZone("plaza", new Polygon([new Point2(100, 100), new Point2(300, 100), new Point2(300, 300), new Point2(100, 300)]));
        var walker = SyntheticScene.Walk(new Point2(0, 200), new Point2(400, 200), 0, 20);
        var stander = SyntheticScene.Walk(new Point2(150, 250), new Point2(150, 250), 0, 30);

        var statistics = SyntheticScene.Run(SyntheticScene.Camera(zones: [plaza]), 10, 30, [walker, stander]);

        Assert.Single(statistics.Entries); // the stander was there when the recording began: not an entry
        Assert.Equal(SyntheticScene.Start.AddSeconds(5), statistics.Entries[0].Time, TimeSpan.FromSeconds(0.2));
        var presence = statistics.Presence.Select(p => (p.End - p.Start).TotalSeconds).OrderBy(s => s).ToList();
        Assert.Equal(10, presence[0], 0.3);
        Assert.Equal(29.9, presence[1], 0.2); // from its confirmation (2nd frame) to the end of the footage
    }

    [Fact]
    public void Origin_destination_pairs_follow_the_order_of_crossing()
    {
        var west = new CountingLine("west", new Point2(100, 0), new Point2(100, 400));
        var east = new CountingLine("east", new Point2(300, 0), new Point2(300, 400));
        var eastbound = SyntheticScene.Walk(new Point2(20, 200), new Point2(380, 200), 0, 8);
        var westbound = SyntheticScene.Walk(new Point2(380, 260), new Point2(20, 260), 0, 8);

        var statistics = SyntheticScene.Run(SyntheticScene.Camera([west, east]), 10, 9, [eastbound, westbound]);

        Assert.Equal(4, statistics.Crossings.Count);
        Assert.Equal([(0, 1), (1, 0)], statistics.OriginDestination.Select(o => (o.From, o.To)).Order());
    }
}

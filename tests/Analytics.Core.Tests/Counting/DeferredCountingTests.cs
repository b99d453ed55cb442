using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Core.Tracking;

namespace Analytics.Core.Tests.Counting;

/// <summary>
/// Counting on objects rather than raw tracks (joined fragments, smoothed paths, one class per object), through the
/// real tracker and counter, one table per failure the detector's gaps cause on real footage.
/// </summary>
public sealed class DeferredCountingTests
{
    // Horizontal line y = 200; forward is downwards on the image.
    private static readonly CountingLine Crossing = new("crossing", new Point2(0, 200), new Point2(480, 200), "southbound", "northbound");

    /// <summary>A tracker that gives up on a lost object after 0.5 s: its next sighting starts another track.</summary>
    private static readonly TrackerOptions ShortMemory = new() { LostTrackBuffer = TimeSpan.FromSeconds(0.5) };

    private static string Crossings(FileStatistics statistics) =>
        string.Join(" ", statistics.Crossings.OrderBy(c => c.Time).Select(c => $"{Crossing.NameOf(c.Direction)}:{ObjectClassNames.Of(c.Class.Class)}"));

    public static TheoryData<string, double, double, double> BrokenTracks => new()
    {
        // situation, fps, hidden from, hidden until (s): a walker crossing at 5 s, hidden around the line.
        { "hidden 1.5 s on the line", 10, 4.3, 5.8 },
        { "hidden 1.5 s on the line", 5, 4.3, 5.8 },
        { "hidden 1.5 s on the line", 25, 4.3, 5.8 },
        { "hidden 1.9 s, from just before the line", 10, 4.0, 5.9 },
        { "hidden 1 s just after the line", 10, 5.1, 6.1 },
    };

    [Theory]
    [MemberData(nameof(BrokenTracks))]
    public void A_track_broken_near_the_line_is_joined_and_counted_once(string situation, double fps, double hiddenFrom, double hiddenUntil)
    {
        // The tracker ends the first track and starts another: only the joined object has crossed the line.
        var walker = SyntheticScene.Walk(new Point2(200, 50), new Point2(200, 350), 0, 10, width: 30, height: 60).Hidden(hiddenFrom, hiddenUntil);

        var statistics = SyntheticScene.Run(SyntheticScene.Camera([Crossing]), fps, 10, [walker], ShortMemory);

        var crossing = Assert.Single(statistics.Crossings);
        Assert.True(crossing.Direction == CrossingDirection.Forward, situation);
        Assert.InRange(crossing.Time, SyntheticScene.Start.AddSeconds(4.4), SyntheticScene.Start.AddSeconds(5.6)); // on the straight path through the gap
    }

    [Theory]
    [InlineData(10)]
    [InlineData(15)]
    public void A_walker_hidden_just_past_the_line_whose_first_boxes_back_are_boxed_with_the_tree_is_joined_and_counted(double fps)
    {
        // Lost on the line (at 10 fps) or 2 px past it (at 15 fps), inside the 3 px hysteresis, behind a tree for 1 s;
        // its first two boxes back out are drawn round it and the tree's foot, half as tall again and reaching 25 px
        // lower, as a detector does.
        var back = Math.Ceiling((6.1 * fps) - 1e-6); // the first frame index seen again
        var walker = SyntheticScene.Walk(new Point2(200, 50), new Point2(200, 350), 0, 10, width: 30, height: 60)
            .Hidden(5.07, 6.1)
            .Varying((t, seen) => Math.Round(t * fps) - back is >= 0 and < 2 ? seen with { Box = seen.Box with { Top = seen.Box.Top - 5, Bottom = seen.Box.Bottom + 25 } } : seen);

        var statistics = SyntheticScene.Run(SyntheticScene.Camera([Crossing]), fps, 10, [walker], ShortMemory);

        Assert.Equal("southbound:pedestrian", Crossings(statistics));
    }

    /// <summary>Scenes of two people, each with what it should count.</summary>
    private static readonly Dictionary<string, (Appearance[] People, string Expected)> NeighbourScenes = new()
    {
        ["one leaves the view before the line, another appears beside, walking the other way"] = (
            [
                SyntheticScene.Walk(new Point2(200, 50), new Point2(200, 350), 0, 10, width: 30, height: 60).Hidden(4.8, 99),
                SyntheticScene.Walk(new Point2(270, 215), new Point2(270, 50), 5.5, 5.5, width: 30, height: 60),
            ],
            "northbound:pedestrian"),
        ["one leaves the view before the line, another appears two heights aside past it, the same way"] = (
            [
                SyntheticScene.Walk(new Point2(200, 50), new Point2(200, 350), 0, 10, width: 30, height: 60).Hidden(4.7, 99),
                SyntheticScene.Walk(new Point2(320, 210), new Point2(320, 350), 5.2, 4.5, width: 30, height: 60),
            ],
            ""),
        ["two walk side by side, one hidden on the line: each keeps its own passage"] = (
            [
                SyntheticScene.Walk(new Point2(200, 50), new Point2(200, 350), 0, 10, width: 30, height: 60).Hidden(4.3, 5.8),
                SyntheticScene.Walk(new Point2(240, 50), new Point2(240, 350), 0, 10, width: 30, height: 60),
            ],
            "southbound:pedestrian southbound:pedestrian"),
        ["two cross each other on the line, one hidden behind the other"] = (
            [
                SyntheticScene.Walk(new Point2(150, 120), new Point2(330, 280), 0, 10, width: 30, height: 60).Hidden(4.5, 5.5),
                SyntheticScene.Walk(new Point2(330, 120), new Point2(150, 280), 0, 10, width: 30, height: 60),
            ],
            "southbound:pedestrian southbound:pedestrian"),
    };

    public static TheoryData<string> Neighbours => [.. NeighbourScenes.Keys];

    [Theory]
    [MemberData(nameof(Neighbours))]
    public void Tracks_of_different_people_are_not_joined(string situation)
    {
        var (people, expected) = NeighbourScenes[situation];
        var statistics = SyntheticScene.Run(SyntheticScene.Camera([Crossing]), 10, 11, people, ShortMemory);

        Assert.True(expected == Crossings(statistics), $"{situation}: expected '{expected}', got '{Crossings(statistics)}'");
    }

    public static TheoryData<string, double, Func<int, float>> Jitter => new()
    {
        // The bottom edge of a 120 px box standing on the line, in pixels from it, frame after frame.
        { "alternating ±6 px", 10, k => k % 2 == 0 ? 6 : -6 },
        { "alternating ±6 px", 5, k => k % 2 == 0 ? 6 : -6 },
        { "alternating ±6 px", 25, k => k % 2 == 0 ? 6 : -6 },
        { "two frames +5, two frames −5", 10, k => k / 2 % 2 == 0 ? 5 : -5 },
        { "two frames +5, two frames −5", 5, k => k / 2 % 2 == 0 ? 5 : -5 },
        { "+5 then −5 every third frame", 10, k => k % 3 == 0 ? -5 : 5 },
        { "one frame in five cut short by 8 px (partial occlusion)", 10, k => k % 5 == 0 ? -8 : 2 },
    };

    [Theory]
    [MemberData(nameof(Jitter))]
    public void Jitter_of_a_big_box_beyond_the_pixel_hysteresis_is_not_a_crossing(string situation, double fps, Func<int, float> offset)
    {
        Appearance standing = t =>
        {
            var bottom = 200 + offset((int)Math.Round(t * fps));
            return new DetectedObject(new Box(180, bottom - 120, 230, bottom), 0.8f, ObjectClass.Pedestrian);
        };

        var statistics = SyntheticScene.Run(SyntheticScene.Camera([Crossing]), fps, 8, [standing]);

        Assert.True(statistics.Crossings.Count == 0, $"{situation}: counted '{Crossings(statistics)}'");
    }

    public static TheoryData<string, double, Func<int, DetectedObject, IEnumerable<DetectedObject>>> Cyclists => new()
    {
        { "rider alone on every other frame", 10, (k, cycle) => k % 2 == 0 ? [Rider(cycle)] : [cycle] },
        { "rider alone on every other frame", 5, (k, cycle) => k % 2 == 0 ? [Rider(cycle)] : [cycle] },
        { "rider alone on every other frame", 25, (k, cycle) => k % 2 == 0 ? [Rider(cycle)] : [cycle] },
        { "bicycle missed on the first half of the way", 10, (k, cycle) => cycle.Box.Bottom < 200 ? [Rider(cycle)] : [cycle] },
        { "bicycle seen apart from its rider on half the frames", 10, (k, cycle) => k % 2 == 0 ? [Rider(cycle), Bicycle(cycle)] : [cycle] },
        { "rider alone, bicycle or motorcycle box under it", 10, (k, cycle) => (k % 4) switch { 0 => [Rider(cycle)], 1 => [Rider(cycle), Bicycle(cycle)], 2 => [cycle], _ => [Rider(cycle), Bicycle(cycle) with { Class = ObjectClass.Vehicle, Kind = VehicleKind.Motorcycle, Score = 0.3f }] } },
    };

    [Theory]
    [MemberData(nameof(Cyclists))]
    public void A_cyclist_whose_bicycle_is_often_missed_counts_once_as_a_cycle(string situation, double fps, Func<int, DetectedObject, IEnumerable<DetectedObject>> seen)
    {
        var path = SyntheticScene.Walk(new Point2(100, 60), new Point2(380, 340), 0, 4, ObjectClass.Cycle, width: 40, height: 70);

        var statistics = SyntheticScene.Run(SyntheticScene.Camera([Crossing]), fps, 4.5, Split(path, fps, seen));

        Assert.True(Crossings(statistics) == "southbound:cycle", $"{situation}: counted '{Crossings(statistics)}'");
    }

    public static TheoryData<string, bool> PedestriansByParkedBicycles => new()
    {
        // situation, whether the detector merges the person and the bicycle into one cycle box while they overlap
        { "walks past a parked bicycle", false },
        { "walks past a parked bicycle, seen as its rider while passing", true },
    };

    [Theory]
    [MemberData(nameof(PedestriansByParkedBicycles))]
    public void A_pedestrian_walking_past_a_parked_bicycle_stays_a_pedestrian(string situation, bool merged)
    {
        // The bicycle stands beside the path, past the line; the pedestrian passes it at about 8.5 s.
        var parked = new DetectedObject(new Box(190, 285, 240, 320), 0.7f, ObjectClass.Cycle);
        var walker = SyntheticScene.Walk(new Point2(200, 50), new Point2(200, 350), 0, 10, width: 30, height: 60);
        IEnumerable<DetectedObject> Seen(double t)
        {
            var person = walker(t);
            if (person is not { } p)
            {
                return [parked];
            }

            var overlapping = p.Box.IntersectionArea(parked.Box) > 0 && p.Box.Top < parked.Box.Top;
            return merged && overlapping ? [parked with { Box = parked.Box.Union(p.Box), Score = 0.8f }] : [p, parked];
        }

        var statistics = SyntheticScene.Run(SyntheticScene.Camera([Crossing]), 10, 11, [Many(Seen, 0)]);

        Assert.True(Crossings(statistics) == "southbound:pedestrian", $"{situation}: counted '{Crossings(statistics)}'");
    }

    [Fact]
    public void A_pedestrian_who_waited_by_a_parked_bicycle_then_walks_away_stays_a_pedestrian()
    {
        // Stands 5 s beside the bicycle, seen with it as one cycle box, then walks across the line alone.
        var parked = new DetectedObject(new Box(185, 120, 235, 150), 0.7f, ObjectClass.Cycle);
        var walker = SyntheticScene.Walk(new Point2(200, 150), new Point2(200, 150), 0, 5, width: 30, height: 60);
        var away = SyntheticScene.Walk(new Point2(200, 150), new Point2(200, 330), 5, 5, width: 30, height: 60);
        IEnumerable<DetectedObject> Seen(double t) => t < 5
            ? [parked with { Box = parked.Box.Union(walker(t)!.Value.Box), Score = 0.8f }]
            : away(t) is { } p ? [p, parked] : [parked];

        var statistics = SyntheticScene.Run(SyntheticScene.Camera([Crossing]), 10, 11, [Many(Seen, 0), Many(Seen, 1)]);

        Assert.Equal("southbound:pedestrian", Crossings(statistics));
    }

    /// <summary>The person alone, as the detector reports a rider whose bicycle it missed: narrower, feet on the pedals.</summary>
    private static DetectedObject Rider(DetectedObject cycle) =>
        new(new Box(cycle.Box.CenterX - 12, cycle.Box.Top, cycle.Box.CenterX + 12, cycle.Box.Bottom - 10), 0.8f, ObjectClass.Pedestrian);

    /// <summary>The bicycle alone, under its rider.</summary>
    private static DetectedObject Bicycle(DetectedObject cycle) =>
        new(new Box(cycle.Box.Left, cycle.Box.Bottom - 35, cycle.Box.Right, cycle.Box.Bottom), 0.5f, ObjectClass.Cycle);

    /// <summary>One object's path shown, frame by frame, as what the detector reports of it (one or several boxes).</summary>
    private static Appearance[] Split(Appearance path, double fps, Func<int, DetectedObject, IEnumerable<DetectedObject>> seen)
    {
        IEnumerable<DetectedObject> Boxes(double t) => path(t) is { } d ? seen((int)Math.Round(t * fps), d) : [];
        return [Many(Boxes, 0), Many(Boxes, 1)];
    }

    /// <summary>The <paramref name="index"/>-th of the boxes a scene shows at a time (each a separate synthetic detection).</summary>
    private static Appearance Many(Func<double, IEnumerable<DetectedObject>> boxes, int index) =>
        t => boxes(t).Skip(index).Cast<DetectedObject?>().FirstOrDefault();
}

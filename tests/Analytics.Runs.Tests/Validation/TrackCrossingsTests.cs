using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Runs.Validation;

namespace Analytics.Runs.Tests.Validation;

/// <summary>Crossings derived from hand-made annotated tracks, against the line north (100, 200) → (380, 200).</summary>
public sealed class TrackCrossingsTests
{
    private static readonly ClassKey Pedestrian = new(ObjectClass.Pedestrian, VehicleKind.None);

    /// <summary>A track of boxes 20 wide and 50 high whose anchors (bottom-centres) are at the given points, one annotated frame each from frame 1.</summary>
    private static List<AnnotatedBox> Track(int id, params (double X, double Y)[] anchors) =>
        anchors.Select((a, i) => Box(id, i + 1, a.X, a.Y)).ToList();

    private static AnnotatedBox Box(int id, int frame, double x, double y, bool consider = true, ClassKey? objectClass = null) =>
        new(frame, frame, id, new Box((float)x - 10, (float)y - 50, (float)x + 10, (float)y), consider, objectClass ?? Pedestrian);

    private static string Describe(IEnumerable<TrackCrossing> crossings) =>
        string.Join(" ", crossings.Select(c => FormattableString.Invariant($"{ValidationScene.North.NameOf(c.Direction)}@{c.FromFrame}-{c.ToFrame}:{c.Along:0.##}")));

    public static TheoryData<string, (double, double)[], string> Cases => new()
    {
        { "walks down across the segment", [(200, 150), (200, 190), (200, 210), (200, 250)], "southbound@2-3:0.5" },
        { "walks up across the segment", [(200, 250), (200, 210), (200, 190), (200, 150)], "northbound@2-3:0.5" },
        { "crosses the infinite line beside the segment", [(420, 150), (420, 190), (420, 210), (420, 250)], "" },
        { "a step that starts beside the segment and ends beside it on the other side", [(60, 190), (90, 210)], "" },
        { "a diagonal step that meets the segment near its end", [(370, 190), (390, 210)], "southbound@1-2:0.5" },
        { "lands exactly on the line, then goes on", [(200, 150), (200, 200), (200, 250)], "southbound@1-2:1" },
        { "lands exactly on the line, then goes back", [(200, 150), (200, 200), (200, 150)], "" },
        { "starts on the line and leaves it", [(200, 200), (200, 250)], "" },
        { "lingers on the line over several frames, then goes on", [(200, 150), (200, 200), (210, 200), (220, 200), (220, 230)], "southbound@1-2:1" },
        { "jitters across the line: every change of side meets the segment", [(200, 199), (200, 201), (200, 199)], "southbound@1-2:0.5 northbound@2-3:0.5" },
        { "crosses, then crosses back later", [(200, 150), (200, 250), (200, 260), (200, 150)], "southbound@1-2:0.5 northbound@3-4:0.55" },
        { "walks round the end of the segment", [(200, 150), (420, 150), (420, 250), (200, 250)], "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Anchor_paths_give_the_crossings_of_the_counting_contract(string situation, (double, double)[] anchors, string expected)
    {
        var crossings = TrackCrossings.Derive(Track(1, anchors), [ValidationScene.North]);

        Assert.True(expected == Describe(crossings), $"{situation}: expected '{expected}', got '{Describe(crossings)}'");
    }

    [Fact]
    public void Boxes_not_to_be_considered_are_left_out_and_the_step_spans_them()
    {
        // The box of frame 2 (occluded, consider = 0) is below the line: with it there would be two crossings.
        var track = new List<AnnotatedBox> { Box(1, 1, 200, 150), Box(1, 2, 200, 250, consider: false), Box(1, 3, 200, 160) };
        var gap = new List<AnnotatedBox> { Box(2, 1, 200, 150), Box(2, 2, 200, 170, consider: false), Box(2, 5, 200, 250) };

        Assert.Empty(TrackCrossings.Derive(track, [ValidationScene.North]));
        var crossing = Assert.Single(TrackCrossings.Derive(gap, [ValidationScene.North]));
        Assert.Equal((CrossingDirection.Forward, 1, 5, 0.5f), (crossing.Direction, crossing.FromFrame, crossing.ToFrame, crossing.Along));
    }

    [Fact]
    public void Tracks_are_followed_by_id_whatever_the_order_of_the_rows_and_each_crossing_counts()
    {
        var rows = Track(7, (200, 150), (200, 250)).Concat(Track(3, (300, 250), (300, 150))).Reverse().ToList();

        var crossings = TrackCrossings.Derive(rows, [ValidationScene.North]);

        Assert.Equal([(3, CrossingDirection.Backward), (7, CrossingDirection.Forward)], crossings.Select(c => (c.TrackId, c.Direction)).Order().ToList());
    }

    [Fact]
    public void A_track_is_counted_under_the_majority_class_of_its_boxes_and_each_line_on_its_own()
    {
        var cycle = new ClassKey(ObjectClass.Cycle, VehicleKind.None);
        var rows = new List<AnnotatedBox> { Box(1, 1, 200, 150, objectClass: cycle), Box(1, 2, 200, 180), Box(1, 3, 200, 250, objectClass: cycle) };
        var vertical = new CountingLine("middle", new Point2(250, 100), new Point2(250, 300));
        rows.Add(Box(1, 4, 300, 250, objectClass: cycle));

        var crossings = TrackCrossings.Derive(rows, [ValidationScene.North, vertical]);

        Assert.Equal([(0, CrossingDirection.Forward), (1, CrossingDirection.Backward)], crossings.Select(c => (c.Line, c.Direction)).ToList());
        Assert.All(crossings, c => Assert.Equal(cycle, c.Class));
    }
}

using Analytics.Core.Counting;
using Analytics.Core.Geometry;

namespace Analytics.Core.Tests.Counting;

/// <summary>The crossing rule on anchor paths, one case per situation users of other counters report.</summary>
public sealed class LineCrossingStateTests
{
    // Horizontal line y = 200 from x = 100 to 380, "forward" named southbound (downwards on the image).
    private static readonly CountingLine Line = new("north", new Point2(100, 200), new Point2(380, 200), "southbound", "northbound", Hysteresis: 3);

    private static List<(CrossingDirection Direction, double Seconds)> Feed(CountingLine line, params (double X, double Y)[] anchors)
    {
        var state = default(LineCrossingState);
        var crossings = new List<(CrossingDirection, double)>();
        (Point2, DateTimeOffset)? previous = null;
        for (var i = 0; i < anchors.Length; i++)
        {
            var time = SyntheticScene.Start + TimeSpan.FromSeconds(i);
            var anchor = new Point2((float)anchors[i].X, (float)anchors[i].Y);
            if (state.Advance(line, previous, anchor, time, out var direction, out var at))
            {
                crossings.Add((direction, (at - SyntheticScene.Start).TotalSeconds));
            }

            previous = (anchor, time);
        }

        return crossings;
    }

    public static TheoryData<string, (double, double)[], string> Cases => new()
    {
        { "walks down across the line", [(200, 150), (200, 190), (200, 210), (200, 250)], "southbound@1.5" },
        { "walks up across the line", [(200, 250), (200, 210), (200, 190), (200, 150)], "northbound@1.5" },
        { "jitters on the line without leaving the band", [(200, 150), (200, 198), (200, 202), (200, 199), (200, 201.5), (200, 198)], "" },
        { "dips over the line and comes back", [(200, 150), (200, 199), (200, 201), (200, 202.5), (200, 196), (200, 150)], "" },
        { "stands astride the line, then goes on", [(200, 150), (200, 199), (200, 200), (200, 201), (200, 200), (200, 260)], "southbound@2" },
        { "stands astride the line, then goes back", [(200, 150), (200, 199), (200, 201), (200, 200), (200, 150)], "" },
        { "passes beside the end of the segment", [(420, 150), (420, 190), (420, 210), (420, 250)], "" },
        { "crosses, then crosses back later", [(200, 150), (200, 250), (200, 260), (200, 150)], "southbound@0.5 northbound@2.55" },
        { "jumps across in a single step", [(200, 100), (200, 300)], "southbound@0.5" },
        { "first seen on the line", [(200, 201), (200, 250), (200, 260)], "" },
        { "walks along the line", [(120, 200), (200, 200), (300, 201), (360, 199)], "" },
        { "crosses diagonally through the end point", [(360, 180), (400, 220)], "southbound@0.5" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Crossings_follow_the_contract(string situation, (double, double)[] anchors, string expected)
    {
        var crossings = Feed(Line, anchors);

        var actual = string.Join(" ", crossings.Select(c => FormattableString.Invariant($"{Line.NameOf(c.Direction)}@{c.Seconds:0.##}")));
        Assert.True(expected == actual, $"{situation}: expected '{expected}', got '{actual}'");
    }

    [Fact]
    public void Forward_is_from_the_left_to_the_right_looking_from_start_to_end_with_y_down()
    {
        // A vertical line drawn downwards: its left side (looking down the image) is the +x side.
        var line = new CountingLine("v", new Point2(300, 0), new Point2(300, 360));

        Assert.Equal(CrossingDirection.Forward, Feed(line, (350, 100), (250, 100)).Single().Direction);
        Assert.Equal(CrossingDirection.Backward, Feed(line, (250, 100), (350, 100)).Single().Direction);
    }

    [Fact]
    public void A_line_near_the_frame_edge_counts_objects_leaving_the_frame()
    {
        // Line 5 px inside the left edge; anchors are clamped to the frame, so they stop at x = 0.
        var edge = new CountingLine("edge", new Point2(5, 0), new Point2(5, 360));

        var crossings = Feed(edge, (40, 100), (20, 100), (8, 100), (1, 100), (0, 100));

        Assert.Equal(CrossingDirection.Forward, Assert.Single(crossings).Direction);
    }
}

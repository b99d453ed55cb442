using Analytics.Core.Geometry;

namespace Analytics.Core.Tests.Geometry;

public sealed class PolygonShapeTests
{
    private static Polygon Of(params float[] xy) => new(Enumerable.Range(0, xy.Length / 2).Select(i => new Point2(xy[2 * i], xy[(2 * i) + 1])));

    public static TheoryData<float[], double, bool> Shapes => new()
    {
        { [0, 0, 10, 0, 10, 10, 0, 10], 100, true },         // square
        { [0, 0, 10, 10, 0, 10], 50, true },                 // triangle, either orientation
        { [0, 10, 10, 10, 0, 0], 50, true },
        { [0, 0, 5, 5, 10, 10], 0, true },                   // three points on one line: no area
        { [0, 0, 10, 10, 10, 0, 0, 10], 0, false },          // bow tie: edges cross, the halves cancel out
        { [0, 0, 10, 0, 10, 10, 5, 0, 0, 10], 50, false },   // a vertex touching an edge that is not its neighbour
        { [0, 0, 20, 0, 20, 20, 10, 5, 0, 20], 250, true },  // concave (a square less a notch of 150), still simple
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Area_and_simplicity(float[] xy, double area, bool simple)
    {
        var polygon = Of(xy);

        Assert.Equal(area, polygon.Area, 3);
        Assert.Equal(simple, polygon.IsSimple);
    }
}

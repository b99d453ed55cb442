namespace Analytics.Core.Geometry;

/// <summary>Tests on straight segments between two points in frame pixels.</summary>
public static class Segment
{
    /// <summary>Whether segments [a1, a2] and [b1, b2] share at least one point (crossing, touching or overlapping).</summary>
    public static bool Intersects(Point2 a1, Point2 a2, Point2 b1, Point2 b2)
    {
        var d1 = Side(b1, b2, a1);
        var d2 = Side(b1, b2, a2);
        var d3 = Side(a1, a2, b1);
        var d4 = Side(a1, a2, b2);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }

        return (d1 == 0 && Within(b1, b2, a1)) || (d2 == 0 && Within(b1, b2, a2)) || (d3 == 0 && Within(a1, a2, b1)) || (d4 == 0 && Within(a1, a2, b2));
    }

    private static double Side(Point2 from, Point2 to, Point2 p) => ((double)(to.X - from.X) * (p.Y - from.Y)) - ((double)(to.Y - from.Y) * (p.X - from.X));

    private static bool Within(Point2 from, Point2 to, Point2 p) =>
        p.X >= Math.Min(from.X, to.X) && p.X <= Math.Max(from.X, to.X) && p.Y >= Math.Min(from.Y, to.Y) && p.Y <= Math.Max(from.Y, to.Y);
}

namespace Analytics.Core.Geometry;

/// <summary>A point in decoded-frame pixel coordinates: x to the right, y <b>down</b>, origin at the top-left corner.</summary>
public readonly record struct Point2(float X, float Y)
{
    public static Point2 operator -(Point2 a, Point2 b) => new(a.X - b.X, a.Y - b.Y);

    public static Point2 operator +(Point2 a, Point2 b) => new(a.X + b.X, a.Y + b.Y);

    /// <summary>z of the 3-D cross product (a × b); positive when b is clockwise from a on screen (y down).</summary>
    public static float Cross(Point2 a, Point2 b) => (a.X * b.Y) - (a.Y * b.X);

    public override string ToString() => FormattableString.Invariant($"({X:0.##}, {Y:0.##})");
}

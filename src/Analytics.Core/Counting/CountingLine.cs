using Analytics.Core.Geometry;

namespace Analytics.Core.Counting;

/// <summary>
/// A counting line: the segment from <see cref="From"/> to <see cref="To"/> in decoded-frame pixels (y down).
/// An object crosses when its anchor passes from one side to the other through the segment itself (not the infinite
/// line). <see cref="Hysteresis"/> is how far, in pixels, the anchor must be from the line before its side counts:
/// jitter inside that band is never a crossing.
/// </summary>
public sealed record CountingLine(string Id, Point2 From, Point2 To, string ForwardName = "forward", string BackwardName = "backward", float Hysteresis = 3f)
{
    public string NameOf(CrossingDirection direction) => direction == CrossingDirection.Forward ? ForwardName : BackwardName;

    public float Length => MathF.Sqrt(((To.X - From.X) * (To.X - From.X)) + ((To.Y - From.Y) * (To.Y - From.Y)));

    /// <summary>Distance of <paramref name="point"/> from the infinite line, positive on the right side (see <see cref="CrossingDirection.Forward"/>).</summary>
    public float SignedDistance(Point2 point)
    {
        var length = Length;
        return length <= 0f ? 0f : Point2.Cross(To - From, point - From) / length;
    }

    /// <summary>
    /// Whether the path <paramref name="a"/>→<paramref name="b"/> meets the segment (ends included); if so,
    /// <paramref name="along"/> is where along the path, in [0, 1].
    /// </summary>
    public bool Intersects(Point2 a, Point2 b, out float along)
    {
        var path = b - a;
        var segment = To - From;
        var denominator = Point2.Cross(path, segment);
        along = 0f;
        if (MathF.Abs(denominator) < 1e-9f)
        {
            return false; // parallel: moving along the line is not crossing it
        }

        var t = Point2.Cross(From - a, segment) / denominator;
        var u = Point2.Cross(From - a, path) / denominator;
        if (t is < 0f or > 1f || u is < 0f or > 1f)
        {
            return false;
        }

        along = t;
        return true;
    }
}

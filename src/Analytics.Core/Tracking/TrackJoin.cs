using Analytics.Core.Geometry;
using Analytics.Core.Objects;

namespace Analytics.Core.Tracking;

/// <summary>
/// Whether a track that ended and a track that started a little later are one object, by motion only (as StrongSORT's
/// AFLink, without a learned model): each one's motion, carried across the gap, must land near the other, their sizes
/// must agree and their classes must be those of one object. Nothing about appearance is used.
/// </summary>
internal static class TrackJoin
{
    /// <summary>Longest gap between the end of a track and the start of the next that may be joined.</summary>
    public static readonly TimeSpan MaxGap = TimeSpan.FromSeconds(2);

    /// <summary>How much of a track's end (or start) its velocity is measured over.</summary>
    public static readonly TimeSpan MotionWindow = TimeSpan.FromSeconds(1);

    /// <summary>Largest ratio between the two box heights.</summary>
    private const float MaxHeightRatio = 1.43f;

    /// <summary>Allowed miss of the carried positions, in box heights: a fixed part, and a part that grows with the gap.</summary>
    private const double MissAtNoGap = 0.5;

    private const double MissPerSecond = 0.4;

    /// <summary>
    /// The cost of joining (the mean miss of the two carried positions, in box heights), or +∞ when the two cannot
    /// be one object. <paramref name="end"/> and <paramref name="start"/> are the filtered boxes where the first
    /// track was last seen and the second first seen; velocities are of the anchor, in pixels per second.
    /// </summary>
    public static double Cost(
        (DateTimeOffset Time, Box Box, Point2 Velocity, ObjectClass Class, VehicleKind Kind) end,
        (DateTimeOffset Time, Box Box, Point2 Velocity, ObjectClass Class, VehicleKind Kind) start)
    {
        var gap = (start.Time - end.Time).TotalSeconds;
        if (gap <= 0 || start.Time - end.Time > MaxGap || !MayBeOneObject(end.Class, end.Kind, start.Class, start.Kind))
        {
            return double.PositiveInfinity;
        }

        var (heightEnd, heightStart) = (end.Box.Height, start.Box.Height);
        if (heightEnd <= 0 || heightStart <= 0 || heightStart / heightEnd is < 1 / MaxHeightRatio or > MaxHeightRatio)
        {
            return double.PositiveInfinity;
        }

        var (a, b) = (end.Box.Anchor, start.Box.Anchor);
        var forward = Distance(a.X + (end.Velocity.X * gap), a.Y + (end.Velocity.Y * gap), b);
        var backward = Distance(b.X - (start.Velocity.X * gap), b.Y - (start.Velocity.Y * gap), a);
        var miss = (forward + backward) / 2 / ((heightEnd + heightStart) / 2);
        return miss <= MissAtNoGap + (MissPerSecond * gap) ? miss : double.PositiveInfinity;
    }

    /// <summary>
    /// Velocity of the anchor (pixels per second) over the first or last <see cref="MotionWindow"/> of
    /// <paramref name="samples"/> (time order), from the tracker's filtered boxes; zero for a single observation.
    /// </summary>
    public static Point2 Velocity(ReadOnlySpan<TrackSample> samples, bool atEnd)
    {
        int from, to;
        if (atEnd)
        {
            (from, to) = (samples.Length - 1, samples.Length - 1);
            while (from > 0 && samples[to].Time - samples[from - 1].Time <= MotionWindow)
            {
                from--;
            }
        }
        else
        {
            (from, to) = (0, 0);
            while (to < samples.Length - 1 && samples[to + 1].Time - samples[from].Time <= MotionWindow)
            {
                to++;
            }
        }

        var seconds = (samples[to].Time - samples[from].Time).TotalSeconds;
        if (seconds <= 0)
        {
            return default;
        }

        var (a, b) = (samples[from].Filtered.Anchor, samples[to].Filtered.Anchor);
        return new Point2((float)((b.X - a.X) / seconds), (float)((b.Y - a.Y) / seconds));
    }

    /// <summary>Classes one object may show: the same, or a person and a two-wheeler (a rider, on or off the bicycle).</summary>
    private static bool MayBeOneObject(ObjectClass a, VehicleKind aKind, ObjectClass b, VehicleKind bKind)
    {
        static bool PersonOrTwoWheeler(ObjectClass c, VehicleKind k) => c != ObjectClass.Vehicle || k == VehicleKind.Motorcycle;
        return a == b ? a != ObjectClass.Vehicle || PersonOrTwoWheeler(a, aKind) == PersonOrTwoWheeler(b, bKind) : PersonOrTwoWheeler(a, aKind) && PersonOrTwoWheeler(b, bKind);
    }

    private static double Distance(double x, double y, Point2 p) => Math.Sqrt(((x - p.X) * (x - p.X)) + ((y - p.Y) * (y - p.Y)));
}

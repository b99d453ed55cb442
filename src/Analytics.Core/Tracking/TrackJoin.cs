using System.Diagnostics;
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

    /// <summary>How much of a track's end (or start) its box and velocity there are measured over (<see cref="Motion"/>).</summary>
    public static readonly TimeSpan MotionWindow = TimeSpan.FromSeconds(1);

    /// <summary>Most boxes a track's end or start is measured on (a second at 32 fps): 496 pairs.</summary>
    private const int MaxPoints = 32;

    /// <summary>Largest ratio between the two box heights.</summary>
    private const float MaxHeightRatio = 1.43f;

    /// <summary>Allowed miss of the carried positions, in box heights: a fixed part, and a part that grows with the gap.</summary>
    private const double MissAtNoGap = 0.5;

    private const double MissPerSecond = 0.4;

    /// <summary>
    /// The cost of joining (the mean miss of the two carried positions, in box heights), or +∞ when the two cannot
    /// be one object. <paramref name="end"/> and <paramref name="start"/> are the boxes where the first track ends and
    /// the second starts, and the anchor's velocities there in pixels per second (<see cref="Motion"/>).
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
    /// The box where <paramref name="samples"/> (time order) end or start, and the anchor's velocity there (pixels per
    /// second), both robust to a few bad boxes: over the last or first <see cref="MotionWindow"/> of detected boxes, the
    /// Theil–Sen line in time of the anchor's x and y, the width and the height (the median of the slopes between every
    /// two boxes, then the median offset), taken at the end or start. The boxes at either side of an occlusion are the
    /// detector's worst, a person half behind a tree or boxed together with it for a frame or two; and a line, not a
    /// mean, follows a box that grows as its object comes in at the frame's edge. A single observation is its own box,
    /// with zero velocity. At most <see cref="MaxPoints"/> boxes are used, spread evenly over the window.
    /// </summary>
    public static (Box Box, Point2 Velocity) Motion(ReadOnlySpan<TrackSample> samples, bool atEnd)
    {
        Debug.Assert(!samples.IsEmpty, "a fragment holds at least one sample");
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

        // Above MaxPoints boxes (rates over 30 fps), every k-th from the gap's side: the pairs stay on the stack.
        var whole = samples[from..(to + 1)];
        var step = (whole.Length + MaxPoints - 1) / MaxPoints;
        Span<TrackSample> window = stackalloc TrackSample[(whole.Length + step - 1) / step];
        for (var i = 0; i < window.Length; i++)
        {
            window[i] = atEnd ? whole[whole.Length - 1 - ((window.Length - 1 - i) * step)] : whole[i * step];
        }

        var at = atEnd ? window[^1].Time : window[0].Time;
        Span<double> value = stackalloc double[4];
        Span<double> slope = stackalloc double[4];
        for (var c = 0; c < 4; c++)
        {
            (value[c], slope[c]) = TheilSen(window, at, c);
        }

        var (x, bottom, width, height) = ((float)value[0], (float)value[1], (float)Math.Max(value[2], 1), (float)Math.Max(value[3], 1));
        return (new Box(x - (width / 2), bottom - height, x + (width / 2), bottom), new Point2((float)slope[0], (float)slope[1]));
    }

    /// <summary>
    /// Coordinate <paramref name="c"/> (0 anchor x, 1 anchor y, 2 width, 3 height) of the detected boxes of
    /// <paramref name="window"/> on their Theil–Sen line, at <paramref name="at"/>, and the line's slope per second.
    /// </summary>
    private static (double Value, double Slope) TheilSen(ReadOnlySpan<TrackSample> window, DateTimeOffset at, int c)
    {
        var n = window.Length;
        Span<double> slopes = stackalloc double[MaxPoints * (MaxPoints - 1) / 2];
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var dt = (window[j].Time - window[i].Time).TotalSeconds;
                if (dt >= 0.001) // frames stamped alike (moved a tick apart) say nothing of motion
                {
                    slopes[count++] = (LocalLinearFit.Value(window[j].Detected, c) - LocalLinearFit.Value(window[i].Detected, c)) / dt;
                }
            }
        }

        var slope = count == 0 ? 0 : Median(slopes[..count]);
        Span<double> offsets = stackalloc double[MaxPoints];
        offsets = offsets[..n];
        for (var i = 0; i < n; i++)
        {
            offsets[i] = LocalLinearFit.Value(window[i].Detected, c) - (slope * (window[i].Time - at).TotalSeconds);
        }

        return (Median(offsets), slope);
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        var m = values.Length / 2;
        return values.Length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }

    /// <summary>Classes one object may show: the same, or a person and a two-wheeler (a rider, on or off the bicycle).</summary>
    private static bool MayBeOneObject(ObjectClass a, VehicleKind aKind, ObjectClass b, VehicleKind bKind)
    {
        static bool PersonOrTwoWheeler(ObjectClass c, VehicleKind k) => c != ObjectClass.Vehicle || k == VehicleKind.Motorcycle;
        return a == b ? a != ObjectClass.Vehicle || PersonOrTwoWheeler(a, aKind) == PersonOrTwoWheeler(b, bKind) : PersonOrTwoWheeler(a, aKind) && PersonOrTwoWheeler(b, bKind);
    }

    private static double Distance(double x, double y, Point2 p) => Math.Sqrt(((x - p.X) * (x - p.X)) + ((y - p.Y) * (y - p.Y)));
}

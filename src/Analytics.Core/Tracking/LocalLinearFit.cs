using Analytics.Core.Geometry;

namespace Analytics.Core.Tracking;

/// <summary>
/// Smooths a track's detected boxes with the future known: at each observation, a least-squares straight line in time
/// through the observations within a half-window either side (at least four), for the anchor (bottom-centre) and the
/// box size. A line rather than a mean, so that the ends of a track and a walk at constant speed are not pulled
/// inwards; but the mean where the line's slope is not significant (an object standing still, jittering), whose ends
/// would otherwise swing with the noise. The bottom edge of a box jitters by a few pixels from frame to frame; the
/// object does not. Within a half-window of a track's ends the window is cut short on one side; the object then
/// counts as moving when the slope is significant over that window or over a full window's width of boxes from the
/// end (at 10 fps the first four boxes of a walker, jittering with the stride, can fail the test on their own, and
/// their mean would put the walker where it is 0.15 s later); the line is still fitted on the cut window.
/// </summary>
internal static class LocalLinearFit
{
    /// <summary>Fewest points a fit uses when the track has them: with three, no test can tell a line from noise.</summary>
    private const int MinimumPoints = 4;

    /// <summary>
    /// Two-sided 95 % quantiles of Student's t for 1 to 10 degrees of freedom (then 2.2 to 30, and 1.96 beyond): a
    /// slope smaller than this many of its standard errors is noise, and the window's mean is used instead of the
    /// line. Jitter about a fixed point fits a line whose slope is all noise, and a line's ends swing with it.
    /// </summary>
    private static ReadOnlySpan<double> SignificantSlope => [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

    /// <summary>The smoothed box of <paramref name="samples"/>[<paramref name="at"/>] (samples in time order).</summary>
    public static Box At(ReadOnlySpan<TrackSample> samples, int at, TimeSpan halfWindow)
    {
        var t0 = samples[at].Time;
        halfWindow += TimeSpan.FromMilliseconds(1); // frame times carry rounding: 0.3 s is 0.3 s
        var first = at;
        while (first > 0 && t0 - samples[first - 1].Time <= halfWindow)
        {
            first--;
        }

        var last = at;
        while (last < samples.Length - 1 && samples[last + 1].Time - t0 <= halfWindow)
        {
            last++;
        }

        // At a track's ends, the full width of window from that end, over which to judge whether the object moves.
        var (movingFirst, movingLast) = (first, last);
        while (first == 0 && movingLast < samples.Length - 1 && samples[movingLast + 1].Time - samples[0].Time <= 2 * halfWindow)
        {
            movingLast++;
        }

        while (last == samples.Length - 1 && movingFirst > 0 && samples[^1].Time - samples[movingFirst - 1].Time <= 2 * halfWindow)
        {
            movingFirst--;
        }

        // A line through two points is no smoother than they are: near a track's ends, or when frames are sparse,
        // take the nearest points on the side that has them until there are enough.
        while (last - first < MinimumPoints - 1 && (first > 0 || last < samples.Length - 1))
        {
            var before = first > 0 ? t0 - samples[first - 1].Time : TimeSpan.MaxValue;
            var after = last < samples.Length - 1 ? samples[last + 1].Time - t0 : TimeSpan.MaxValue;
            if (before <= after)
            {
                first--;
            }
            else
            {
                last++;
            }
        }

        if (first == last)
        {
            return samples[at].Detected;
        }

        Span<double> fitted = stackalloc double[4];
        for (var k = 0; k < 4; k++)
        {
            var (line, mean, moving) = Fit(samples, first, last, t0, k);
            moving = moving || ((movingFirst < first || movingLast > last) && Fit(samples, movingFirst, movingLast, t0, k).Moving);
            fitted[k] = moving ? line : mean;
        }

        var (cx, bottom) = ((float)fitted[0], (float)fitted[1]);
        var (width, height) = ((float)Math.Max(fitted[2], 1), (float)Math.Max(fitted[3], 1));
        return new Box(cx - (width / 2), bottom - height, cx + (width / 2), bottom);
    }

    /// <summary>
    /// Coordinate <paramref name="coordinate"/> (0 anchor x, 1 anchor y, 2 width, 3 height) of samples
    /// <paramref name="first"/>..<paramref name="last"/> at <paramref name="t0"/>: on their least-squares line, their
    /// mean, and whether the line's slope is significant (the object moves).
    /// </summary>
    private static (double Line, double Mean, bool Moving) Fit(ReadOnlySpan<TrackSample> samples, int first, int last, DateTimeOffset t0, int coordinate)
    {
        var n = last - first + 1;
        double meanT = 0, meanV = 0;
        for (var i = first; i <= last; i++)
        {
            meanT += (samples[i].Time - t0).TotalSeconds;
            meanV += Value(samples[i].Detected, coordinate);
        }

        (meanT, meanV) = (meanT / n, meanV / n);
        double stt = 0, stv = 0;
        for (var i = first; i <= last; i++)
        {
            var dt = (samples[i].Time - t0).TotalSeconds - meanT;
            stt += dt * dt;
            stv += dt * (Value(samples[i].Detected, coordinate) - meanV);
        }

        if (stt <= 1e-12 || n < 3)
        {
            return (meanV, meanV, false);
        }

        var slope = stv / stt;
        double residuals = 0;
        for (var i = first; i <= last; i++)
        {
            var r = Value(samples[i].Detected, coordinate) - (meanV + (slope * ((samples[i].Time - t0).TotalSeconds - meanT)));
            residuals += r * r;
        }

        var standardError = Math.Sqrt(residuals / (n - 2) / stt);
        var degrees = n - 2;
        var quantile = degrees <= SignificantSlope.Length ? SignificantSlope[degrees - 1] : degrees <= 30 ? 2.2 : 1.96;
        return (meanV - (slope * meanT), meanV, Math.Abs(slope) >= quantile * standardError);
    }

    /// <summary>The coordinate a track's path is fitted on: 0 anchor x, 1 anchor y (bottom), 2 width, 3 height.</summary>
    internal static double Value(in Box box, int coordinate) => coordinate switch
    {
        0 => box.CenterX,
        1 => box.Bottom,
        2 => box.Width,
        _ => box.Height,
    };
}

using System.Globalization;

namespace Analytics.Output.Reports;

/// <summary>
/// The x axis of a camera's time charts: hours since the start of its first bin with footage (UTC, so the repeated
/// autumn hour neither overlaps nor folds), the gaps between bins with footage, and ticks at bin starts labelled with
/// the camera's wall clock.
/// </summary>
public sealed class CameraTimeline
{
    /// <summary>At most this many labelled ticks, so that labels never overlap on a chart's width.</summary>
    public const int MaxTicks = 8;

    private readonly DateTime _origin;

    public CameraTimeline(IReadOnlyList<CoverageBin> bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        if (bins.Count == 0)
        {
            throw new ArgumentException("a timeline needs at least one bin with footage", nameof(bins));
        }

        Bins = [.. bins.OrderBy(b => b.Start)];
        _origin = Bins[0].Start;
        XMin = 0;
        XMax = X(Bins[^1].End);
        var gaps = new List<FootageGap>();
        for (var i = 1; i < Bins.Count; i++)
        {
            if (Bins[i].Start > Bins[i - 1].End)
            {
                gaps.Add(new FootageGap(X(Bins[i - 1].End), X(Bins[i].Start)));
            }
        }

        Gaps = gaps;
        var oneDay = Bins.Select(b => b.LocalStart.Date).Distinct().Count() == 1;
        var stride = (Bins.Count + MaxTicks - 1) / MaxTicks;
        Ticks = [.. Bins.Where((_, i) => i % stride == 0).Select(b => new AxisTick(X(b.Start), b.LocalStart.ToString(oneDay ? "HH:mm" : "dd/MM HH:mm", CultureInfo.InvariantCulture)))];
    }

    /// <summary>The bins with footage, in time order.</summary>
    public IReadOnlyList<CoverageBin> Bins { get; }

    public IReadOnlyList<FootageGap> Gaps { get; }

    public IReadOnlyList<AxisTick> Ticks { get; }

    public double XMin { get; }

    public double XMax { get; }

    /// <summary>A UTC instant's position on the axis, in hours.</summary>
    public double X(DateTime utc) => (utc - _origin).TotalHours;

    /// <summary>The centre of a bin on the axis.</summary>
    public double Centre(CoverageBin bin) => (X(bin.Start) + X(bin.End)) / 2;

    /// <summary>A bar's width for a bin: most of the bin, so neighbouring bars do not touch.</summary>
    public double Width(CoverageBin bin) => (X(bin.End) - X(bin.Start)) * 0.8;
}

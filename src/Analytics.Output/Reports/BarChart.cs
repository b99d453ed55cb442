namespace Analytics.Output.Reports;

/// <summary>
/// What a bar chart shows, before any drawing: its bars, the gaps without footage, the x axis's ticks and range, and
/// markers. Unit tests read it; <see cref="ChartRenderer"/> draws it.
/// </summary>
public sealed record BarChart(
    string Title, string XLabel, string YLabel, IReadOnlyList<StackedBar> Bars, IReadOnlyList<FootageGap> Gaps, IReadOnlyList<AxisTick> Ticks, double XMin, double XMax)
{
    public IReadOnlyList<PointMarker> Markers { get; init; } = [];

    /// <summary>Whether the values are counts (crossings, entries), so the value axis has whole-number ticks only.</summary>
    public bool WholeNumbers { get; init; }

    /// <summary>The series drawn, in stacking order.</summary>
    public IReadOnlyList<string> Series =>
        [.. Bars.SelectMany(b => b.Segments.Select(s => s.Series)).Concat(Markers.Select(m => m.Series)).Distinct().OrderBy(ReportCharts.SeriesRank).ThenBy(s => s, StringComparer.Ordinal)];
}

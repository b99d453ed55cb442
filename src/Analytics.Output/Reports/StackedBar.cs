namespace Analytics.Output.Reports;

/// <summary>
/// One bar of a chart: its centre and width on the chart's x axis, its segments bottom-up (zero segments left out, so
/// a bar without segments is a true zero), and whether a value that belongs in it is hidden by small-cell suppression
/// (the bar then shows the visible values only, and is marked).
/// </summary>
public sealed record StackedBar(double Position, double Width, IReadOnlyList<BarSegment> Segments, bool HasHidden)
{
    public double Total => Segments.Sum(s => s.Value);

    /// <summary>
    /// The footage behind the bar (<c>30 s</c>, <c>12 min</c>) when it is less than the whole bin or hour, written over
    /// the bar so that a bin with 30 s of footage never passes for a full one; null for a full bin.
    /// </summary>
    public string? Footage { get; init; }
}

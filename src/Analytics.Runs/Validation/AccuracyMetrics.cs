namespace Analytics.Runs.Validation;

/// <summary>
/// The figures agencies ask for, over cells (one key in one bin) of the tool's count and the truth:
/// <list type="bullet">
/// <item><see cref="TotalAbsoluteError"/> = Σ|tool − truth| / Σ truth (null when the truth counts nothing);</item>
/// <item><see cref="Mape"/>, the mean absolute percentage error per cell, over the cells whose truth is above 0
/// (null when there is none);</item>
/// <item><see cref="GehShareBelow5"/>, the share of cells whose GEH statistic is below 5 (null when there is no cell).</item>
/// </list>
/// Shares are fractions: 0.125 is 12.5 %.
/// </summary>
public sealed record AccuracyMetrics(int Cells, long ToolTotal, long TruthTotal, long AbsoluteErrorSum, double? TotalAbsoluteError, double? Mape, int MapeCells, double? GehShareBelow5)
{
    /// <summary>
    /// The GEH statistic of a modelled (tool) count <paramref name="m"/> against an observed (truth) count
    /// <paramref name="c"/>: sqrt(2 (m − c)² / (m + c)), 0 when both are 0. Applied to each bin's counts as they are
    /// (not scaled to hourly flows).
    /// </summary>
    public static double Geh(long m, long c) => m + c == 0 ? 0 : Math.Sqrt(2.0 * (m - c) * (m - c) / (m + c));

    public static AccuracyMetrics Of(IEnumerable<(int Tool, int Truth)> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var list = cells.ToList();
        long tool = 0, truth = 0, errors = 0;
        var below5 = 0;
        var percentages = new List<double>();
        foreach (var (m, c) in list)
        {
            tool += m;
            truth += c;
            errors += Math.Abs(m - c);
            below5 += Geh(m, c) < 5 ? 1 : 0;
            if (c > 0)
            {
                percentages.Add(Math.Abs(m - c) / (double)c);
            }
        }

        return new AccuracyMetrics(
            list.Count,
            tool,
            truth,
            errors,
            truth > 0 ? errors / (double)truth : null,
            percentages.Count > 0 ? percentages.Average() : null,
            percentages.Count,
            list.Count > 0 ? below5 / (double)list.Count : null);
    }

    /// <summary>
    /// Whether the total absolute error is above <paramref name="percent"/> percent. A truth that counts nothing
    /// fails any limit as soon as the tool counted something.
    /// </summary>
    public bool Exceeds(double percent) => TotalAbsoluteError is { } error ? error * 100 > percent : AbsoluteErrorSum > 0;
}

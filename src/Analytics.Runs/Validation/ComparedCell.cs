using Analytics.Core.Aggregation;

namespace Analytics.Runs.Validation;

/// <summary>The tool's count and the truth of one key in one bin.</summary>
public sealed record ComparedCell(CountKey Key, TimeBin Bin, int Tool, int Truth)
{
    public int Error => Tool - Truth;

    public double Geh => AccuracyMetrics.Geh(Tool, Truth);
}

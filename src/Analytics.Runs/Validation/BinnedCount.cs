using Analytics.Core.Aggregation;

namespace Analytics.Runs.Validation;

/// <summary>A count of one <see cref="CountKey"/> in one time bin: a cell of counts.csv, from the tool or from the truth.</summary>
public readonly record struct BinnedCount(CountKey Key, TimeBin Bin, int Count);

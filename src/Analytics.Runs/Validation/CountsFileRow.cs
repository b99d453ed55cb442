using Analytics.Core.Aggregation;

namespace Analytics.Runs.Validation;

/// <summary>
/// One row of a file in the layout of counts.csv. <see cref="Count"/> is null when the field is empty: a suppressed
/// count in the tool's output, or a count a person left blank (not counted) in a manual-counts file.
/// </summary>
public sealed record CountsFileRow(int LineNumber, CountKey Key, TimeBin Bin, int? Count, bool Suppressed);

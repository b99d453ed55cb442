namespace Analytics.Runs.Validation;

/// <summary>The comparison of a run's counts with the truth: per key, per key and bin, the metrics, and what was noticed.</summary>
public sealed record ValidationReport(
    TruthCounts Truth,
    IReadOnlyList<ComparedKey> Keys,
    IReadOnlyList<ComparedCell> Cells,
    AccuracyMetrics Metrics,
    IReadOnlyList<CameraBin> ComparedBins,
    IReadOnlyList<string> Notes);

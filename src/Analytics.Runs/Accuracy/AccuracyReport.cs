using Analytics.Runs.Validation;

namespace Analytics.Runs.Accuracy;

/// <summary>The suite's results, one per scenario and rate, and the metrics over every compared cell of them all.</summary>
public sealed record AccuracyReport(IReadOnlyList<ScenarioResult> Results, AccuracyMetrics Overall, string Model);

using Analytics.Runs.Validation;

namespace Analytics.Runs.Accuracy;

/// <summary>
/// One scenario of the accuracy suite: a job (a recording and the lines counted on it), the truth of those lines,
/// and the analysis rates to measure it at.
/// </summary>
public sealed record AccuracyScenario(string Id, string JobPath, string TruthPath, TrackTruthOptions Tracks, IReadOnlyList<double> Rates, string About);

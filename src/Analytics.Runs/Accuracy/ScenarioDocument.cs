namespace Analytics.Runs.Accuracy;

/// <summary>One scenario as written in the suite file.</summary>
internal sealed record ScenarioDocument(
    string? Id,
    string? Job,
    string? Truth,
    string? TruthClass,
    int? TruthFrameOffset,
    string? TruthCamera,
    List<double>? Rates,
    string? About);

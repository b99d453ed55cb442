using Analytics.Core.Aggregation;

namespace Analytics.Runs.Outcomes;

/// <summary>What the analysis of a job produced: per-file outcomes, the aggregated statistics and what was noticed on the way.</summary>
public sealed record AnalysisResult(
    IReadOnlyList<FileOutcome> Files,
    StatisticsTables Statistics,
    IReadOnlyList<string> Warnings,
    DateTimeOffset Started,
    TimeSpan Wall);

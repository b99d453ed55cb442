namespace Analytics.Runs.Validation;

/// <summary>What a validation was run on, recorded with its report.</summary>
/// <param name="JobPath">The job file.</param>
/// <param name="ResultsDirectory">The results folder compared, or null when the job was analysed for the comparison.</param>
/// <param name="AnalysisFps">The analysis rate of the run analysed for the comparison; null when results were given.</param>
/// <param name="MaxErrorPercent">The allowed total absolute error, in percent; null for none.</param>
public sealed record ValidationContext(string JobPath, string? ResultsDirectory, double? AnalysisFps, double? MaxErrorPercent);

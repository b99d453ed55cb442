namespace Analytics.Runs.Jobs;

/// <summary>
/// A setting of a run that cannot be used, named by its property (<c>AnalysisFps</c>): each front end says it in
/// its own words (the CLI names its option).
/// </summary>
public sealed record SettingProblem(string Setting, string Message);

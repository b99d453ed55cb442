namespace Analytics.Output.Reports;

/// <summary>An input of the run that was not analysed: failed (could not be decoded) or refused (by admission rules).</summary>
public sealed record InputProblem(string CameraId, string Path, string Status, string? Error);

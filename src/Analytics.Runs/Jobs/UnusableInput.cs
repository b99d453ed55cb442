namespace Analytics.Runs.Jobs;

/// <summary>
/// An input of a job that cannot be analysed for a reason of its own — a file name that does not give a start, a
/// local start the spring change skips, a glob that matches nothing (a camera offline, a folder emptied by
/// retention) — reported for that input or camera while every other one is analysed.
/// </summary>
/// <param name="CameraId">The camera it belongs to.</param>
/// <param name="Path">The file, or the glob that matched nothing.</param>
/// <param name="JsonPath">Where in the job file it comes from.</param>
/// <param name="Reason">Why it cannot be analysed, in one sentence.</param>
public sealed record UnusableInput(string CameraId, string Path, string JsonPath, string Reason);

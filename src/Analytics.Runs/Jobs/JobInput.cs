namespace Analytics.Runs.Jobs;

/// <summary>One recorded file and the wall-clock time of its first frame.</summary>
public sealed record JobInput(string CameraId, string Path, DateTimeOffset Start, string JsonPath);

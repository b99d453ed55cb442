namespace Analytics.Vision.Video;

/// <summary>Where a frame sits in its recording: index in the file, position from the file start, and wall-clock time.</summary>
public readonly record struct FrameTime(long Index, TimeSpan Position, DateTimeOffset Timestamp);

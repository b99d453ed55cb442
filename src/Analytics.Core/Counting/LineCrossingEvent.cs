namespace Analytics.Core.Counting;

/// <summary>An object crossed a line (index into the camera's lines) at a time.</summary>
public readonly record struct LineCrossingEvent(int Line, CrossingDirection Direction, DateTimeOffset Time, ClassKey Class);

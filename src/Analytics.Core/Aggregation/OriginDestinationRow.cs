using Analytics.Core.Counting;

namespace Analytics.Core.Aggregation;

/// <summary>Objects of one class that crossed <see cref="FromLine"/> and then <see cref="ToLine"/>, completed during one bin.</summary>
public sealed record OriginDestinationRow(string CameraId, string FromLine, string ToLine, ClassKey Class, TimeBin Bin, int Count);

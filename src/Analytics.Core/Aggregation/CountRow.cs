using Analytics.Core.Counting;

namespace Analytics.Core.Aggregation;

/// <summary>Line crossings of one class in one direction during one bin.</summary>
public sealed record CountRow(string CameraId, string LineId, string Direction, ClassKey Class, TimeBin Bin, int Count);

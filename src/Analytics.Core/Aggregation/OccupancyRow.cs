using Analytics.Core.Counting;

namespace Analytics.Core.Aggregation;

/// <summary>Zone occupancy of one class during one bin: time-weighted mean and maximum number inside, and entries.</summary>
public sealed record OccupancyRow(string CameraId, string ZoneId, ClassKey Class, TimeBin Bin, double MeanCount, int MaxCount, int Entries);

namespace Analytics.Core.Aggregation;

/// <summary>Seconds of footage actually analysed in one bin; bins without footage have no row.</summary>
public sealed record CoverageRow(string CameraId, TimeBin Bin, double AnalysedSeconds);

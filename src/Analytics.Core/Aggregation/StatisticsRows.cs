using Analytics.Core.Counting;

namespace Analytics.Core.Aggregation;

/// <summary>Line crossings of one class in one direction during one bin.</summary>
public sealed record CountRow(string CameraId, string LineId, string Direction, ClassKey Class, TimeBin Bin, int Count);

/// <summary>Zone occupancy of one class during one bin: time-weighted mean and maximum number inside, and entries.</summary>
public sealed record OccupancyRow(string CameraId, string ZoneId, ClassKey Class, TimeBin Bin, double MeanCount, int MaxCount, int Entries);

/// <summary>Objects of one class that crossed <see cref="FromLine"/> and then <see cref="ToLine"/>, completed during one bin.</summary>
public sealed record OriginDestinationRow(string CameraId, string FromLine, string ToLine, ClassKey Class, TimeBin Bin, int Count);

/// <summary>Seconds of footage actually analysed in one bin; bins without footage have no row.</summary>
public sealed record CoverageRow(string CameraId, TimeBin Bin, double AnalysedSeconds);

/// <summary>The product's whole output, as rows: every table sorted by camera, bin, then the table's keys.</summary>
public sealed record StatisticsTables(
    IReadOnlyList<CountRow> Counts,
    IReadOnlyList<OccupancyRow> Occupancy,
    IReadOnlyList<OriginDestinationRow> OriginDestination,
    IReadOnlyList<CoverageRow> Coverage);

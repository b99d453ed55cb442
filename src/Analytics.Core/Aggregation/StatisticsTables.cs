namespace Analytics.Core.Aggregation;

/// <summary>The product's whole output, as rows: every table sorted by camera, bin, then the table's keys.</summary>
public sealed record StatisticsTables(
    IReadOnlyList<CountRow> Counts,
    IReadOnlyList<OccupancyRow> Occupancy,
    IReadOnlyList<OriginDestinationRow> OriginDestination,
    IReadOnlyList<CoverageRow> Coverage);

using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Core.Objects;

namespace Analytics.Output.Tables;

/// <summary>
/// Lays the aggregated statistics out as the product's four datasets, with the columns of <see cref="DatasetSchema"/>
/// (the output contract documented in README.md).
/// </summary>
/// <remarks>
/// Small-cell suppression: with <c>suppressBelow = k</c>, a count from 1 to k − 1 is written empty (null) and the
/// row's <c>suppressed</c> column is true; zeros and counts of k or more are written as they are. In occupancy, a
/// small maximum also hides the mean (which would reveal it). Coverage is never suppressed.
/// </remarks>
public static class StatisticsTableBuilder
{
    public static IReadOnlyList<Table> Build(StatisticsTables statistics, int? suppressBelow = null)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var k = suppressBelow ?? 0;
        var footage = statistics.Coverage.ToDictionary(r => (r.CameraId, r.Bin.Start.UtcTicks), r => r.AnalysedSeconds);
        double AnalysedSeconds(string camera, TimeBin bin) =>
            footage.TryGetValue((camera, bin.Start.UtcTicks), out var seconds)
                ? seconds
                : throw new InvalidOperationException($"camera '{camera}' has statistics for the bin at {bin.Start:O} but no coverage: every bin with statistics has footage");

        return
        [
            Counts(statistics.Counts, k, AnalysedSeconds),
            Occupancy(statistics.Occupancy, k, AnalysedSeconds),
            OriginDestination(statistics.OriginDestination, k, AnalysedSeconds),
            Coverage(statistics.Coverage),
        ];
    }

    private static Table Counts(IReadOnlyList<CountRow> rows, int k, Func<string, TimeBin, double> analysedSeconds) =>
        CountTable(DatasetSchema.Counts, rows.Select(r => (r.CameraId, r.LineId, r.Direction, r.Class, r.Bin, r.Count)), k, analysedSeconds);

    private static Table Occupancy(IReadOnlyList<OccupancyRow> rows, int k, Func<string, TimeBin, double> analysedSeconds)
    {
        var table = DatasetSchema.Occupancy.CreateTable();
        foreach (var r in rows)
        {
            var hideMaximum = Small(r.MaxCount, k);
            var hideEntries = Small(r.Entries, k);
            table.AddRow(
                r.CameraId, r.ZoneId, ClassName(r.Class), KindName(r.Class), r.Bin.Start, r.Bin.End,
                hideMaximum ? null : r.MeanCount, hideMaximum ? null : r.MaxCount, hideEntries ? null : r.Entries, hideMaximum || hideEntries,
                r.Bin.Start, OffsetMinutes(r.Bin), analysedSeconds(r.CameraId, r.Bin));
        }

        return table;
    }

    private static Table OriginDestination(IReadOnlyList<OriginDestinationRow> rows, int k, Func<string, TimeBin, double> analysedSeconds) =>
        CountTable(DatasetSchema.OriginDestination, rows.Select(r => (r.CameraId, r.FromLine, r.ToLine, r.Class, r.Bin, r.Count)), k, analysedSeconds);

    /// <summary>A table of counts keyed by camera, two text keys, class and bin: counts and od have this shape.</summary>
    private static Table CountTable(
        TableDefinition definition, IEnumerable<(string Camera, string First, string Second, ClassKey Class, TimeBin Bin, int Count)> rows, int k, Func<string, TimeBin, double> analysedSeconds)
    {
        var table = definition.CreateTable();
        foreach (var r in rows)
        {
            var hidden = Small(r.Count, k);
            table.AddRow(
                r.Camera, r.First, r.Second, ClassName(r.Class), KindName(r.Class), r.Bin.Start, r.Bin.End, hidden ? null : r.Count, hidden,
                r.Bin.Start, OffsetMinutes(r.Bin), analysedSeconds(r.Camera, r.Bin));
        }

        return table;
    }

    private static Table Coverage(IReadOnlyList<CoverageRow> rows)
    {
        var table = DatasetSchema.Coverage.CreateTable();
        foreach (var r in rows)
        {
            table.AddRow(r.CameraId, r.Bin.Start, r.Bin.End, r.AnalysedSeconds, r.Bin.Start, OffsetMinutes(r.Bin));
        }

        return table;
    }

    private static bool Small(int value, int suppressBelow) => value > 0 && value < suppressBelow;

    private static int OffsetMinutes(TimeBin bin) => (int)bin.Start.Offset.TotalMinutes;

    private static string ClassName(ClassKey key) => ObjectClassNames.Of(key.Class);

    /// <summary>The vehicle type, or null where none applies (a pedestrian or a cycle), so that CSV and Parquet both read it as missing.</summary>
    private static string? KindName(ClassKey key) => key.Kind == VehicleKind.None ? null : ObjectClassNames.Of(key.Kind);
}

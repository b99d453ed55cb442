using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Core.Objects;

namespace Analytics.Output.Tables;

/// <summary>
/// Lays the aggregated statistics out as the product's four datasets. Column names and order are the output
/// contract documented in README.md.
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
        return [Counts(statistics.Counts, k), Occupancy(statistics.Occupancy, k), OriginDestination(statistics.OriginDestination, k), Coverage(statistics.Coverage)];
    }

    private static Table Counts(IReadOnlyList<CountRow> rows, int k) =>
        CountTable("counts", "line_id", "direction", rows.Select(r => (r.CameraId, r.LineId, r.Direction, r.Class, r.Bin, r.Count)), k);

    private static Table Occupancy(IReadOnlyList<OccupancyRow> rows, int k)
    {
        var table = new Table(
            "occupancy",
            Text("camera_id"), Text("zone_id"), Text("class"), Text("vehicle_type"), Time("bin_start"), Time("bin_end"),
            new Column("mean_count", ColumnKind.Real, nullable: true), new Column("max_count", ColumnKind.WholeNumber, nullable: true),
            new Column("entries", ColumnKind.WholeNumber, nullable: true), Flag("suppressed"));
        foreach (var r in rows)
        {
            var hideMaximum = Small(r.MaxCount, k);
            var hideEntries = Small(r.Entries, k);
            table.AddRow(
                r.CameraId, r.ZoneId, ClassName(r.Class), KindName(r.Class), r.Bin.Start, r.Bin.End,
                hideMaximum ? null : r.MeanCount, hideMaximum ? null : r.MaxCount, hideEntries ? null : r.Entries, hideMaximum || hideEntries);
        }

        return table;
    }

    private static Table OriginDestination(IReadOnlyList<OriginDestinationRow> rows, int k) =>
        CountTable("od", "from_line", "to_line", rows.Select(r => (r.CameraId, r.FromLine, r.ToLine, r.Class, r.Bin, r.Count)), k);

    /// <summary>A table of counts keyed by camera, two text keys, class and bin: counts and od have this shape.</summary>
    private static Table CountTable(string name, string firstKey, string secondKey, IEnumerable<(string Camera, string First, string Second, ClassKey Class, TimeBin Bin, int Count)> rows, int k)
    {
        var table = new Table(
            name,
            Text("camera_id"), Text(firstKey), Text(secondKey), Text("class"), Text("vehicle_type"),
            Time("bin_start"), Time("bin_end"), new Column("count", ColumnKind.WholeNumber, nullable: true), Flag("suppressed"));
        foreach (var r in rows)
        {
            var hidden = Small(r.Count, k);
            table.AddRow(r.Camera, r.First, r.Second, ClassName(r.Class), KindName(r.Class), r.Bin.Start, r.Bin.End, hidden ? null : r.Count, hidden);
        }

        return table;
    }

    private static bool Small(int value, int suppressBelow) => value > 0 && value < suppressBelow;

    private static Column Flag(string name) => new(name, ColumnKind.Flag);

    private static Table Coverage(IReadOnlyList<CoverageRow> rows)
    {
        var table = new Table("coverage", Text("camera_id"), Time("bin_start"), Time("bin_end"), new Column("analysed_seconds", ColumnKind.Real));
        foreach (var r in rows)
        {
            table.AddRow(r.CameraId, r.Bin.Start, r.Bin.End, r.AnalysedSeconds);
        }

        return table;
    }

    private static Column Text(string name) => new(name, ColumnKind.Text);

    private static Column Time(string name) => new(name, ColumnKind.Timestamp);

    private static string ClassName(ClassKey key) => ObjectClassNames.Of(key.Class);

    private static string KindName(ClassKey key) => ObjectClassNames.Of(key.Kind);
}

using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Core.Objects;

namespace Analytics.Output.Tables;

/// <summary>
/// Lays the aggregated statistics out as the product's four datasets. Column names and order are the output
/// contract documented in README.md.
/// </summary>
public static class StatisticsTableBuilder
{
    public static IReadOnlyList<Table> Build(StatisticsTables statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return [Counts(statistics.Counts), Occupancy(statistics.Occupancy), OriginDestination(statistics.OriginDestination), Coverage(statistics.Coverage)];
    }

    private static Table Counts(IReadOnlyList<CountRow> rows)
    {
        var table = new Table(
            "counts",
            Text("camera_id"), Text("line_id"), Text("direction"), Text("class"), Text("vehicle_type"),
            Time("bin_start"), Time("bin_end"), new Column("count", ColumnKind.WholeNumber));
        foreach (var r in rows)
        {
            table.AddRow(r.CameraId, r.LineId, r.Direction, ClassName(r.Class), KindName(r.Class), r.Bin.Start, r.Bin.End, r.Count);
        }

        return table;
    }

    private static Table Occupancy(IReadOnlyList<OccupancyRow> rows)
    {
        var table = new Table(
            "occupancy",
            Text("camera_id"), Text("zone_id"), Text("class"), Text("vehicle_type"), Time("bin_start"), Time("bin_end"),
            new Column("mean_count", ColumnKind.Real), new Column("max_count", ColumnKind.WholeNumber), new Column("entries", ColumnKind.WholeNumber));
        foreach (var r in rows)
        {
            table.AddRow(r.CameraId, r.ZoneId, ClassName(r.Class), KindName(r.Class), r.Bin.Start, r.Bin.End, r.MeanCount, r.MaxCount, r.Entries);
        }

        return table;
    }

    private static Table OriginDestination(IReadOnlyList<OriginDestinationRow> rows)
    {
        var table = new Table(
            "od",
            Text("camera_id"), Text("from_line"), Text("to_line"), Text("class"), Text("vehicle_type"),
            Time("bin_start"), Time("bin_end"), new Column("count", ColumnKind.WholeNumber));
        foreach (var r in rows)
        {
            table.AddRow(r.CameraId, r.FromLine, r.ToLine, ClassName(r.Class), KindName(r.Class), r.Bin.Start, r.Bin.End, r.Count);
        }

        return table;
    }

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

using System.Text.Json;
using System.Text.RegularExpressions;
using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Core.Objects;
using Analytics.Output.Tables;
using Analytics.Output.Writers;
using Analytics.Tests.Shared;

namespace Analytics.Output.Tests.Tables;

/// <summary>
/// The dataset describes itself: the tables are built with the schema's columns, every row carries its bin's footage
/// and wall clock, vehicle_type is missing where it does not apply, and schema.json and README.md's Schema section
/// say the same as the code.
/// </summary>
public sealed partial class DatasetSchemaTests
{
    private static readonly ClassKey Pedestrian = new(ObjectClass.Pedestrian, VehicleKind.None);
    private static readonly ClassKey Car = new(ObjectClass.Vehicle, VehicleKind.Car);

    /// <summary>Paris, 25 October 2026: the hour from 02:00 is lived twice, first at UTC+2, then at UTC+1.</summary>
    private static readonly TimeBin FirstPassage = new(new(2026, 10, 25, 2, 0, 0, TimeSpan.FromHours(2)), new(2026, 10, 25, 2, 0, 0, TimeSpan.FromHours(1)));
    private static readonly TimeBin SecondPassage = new(new(2026, 10, 25, 2, 0, 0, TimeSpan.FromHours(1)), new(2026, 10, 25, 3, 0, 0, TimeSpan.FromHours(1)));

    private static StatisticsTables Statistics() => new(
        [new CountRow("cam", "a", "in", Pedestrian, FirstPassage, 3), new CountRow("cam", "a", "in", Car, FirstPassage, 1), new CountRow("cam", "a", "in", Pedestrian, SecondPassage, 2)],
        [new OccupancyRow("cam", "plaza", Car, SecondPassage, 0.5, 1, 1)],
        [new OriginDestinationRow("cam", "a", "b", Pedestrian, SecondPassage, 1)],
        [new CoverageRow("cam", FirstPassage, 1800), new CoverageRow("cam", SecondPassage, 3600)]);

    private static List<object?> Values(Table table, string column)
    {
        var c = table.Columns.Single(c => c.Name == column);
        return c.Kind switch
        {
            ColumnKind.Text => [.. c.Texts],
            ColumnKind.Timestamp => [.. c.Timestamps.Select(t => (object?)t)],
            ColumnKind.LocalTime => [.. c.Timestamps.Select(t => (object?)t.DateTime)],
            ColumnKind.WholeNumber => [.. c.Integers.Select(i => (object?)i)],
            ColumnKind.Flag => [.. c.Flags.Select(f => (object?)f)],
            _ => [.. c.Reals.Select(r => (object?)r)],
        };
    }

    [Fact]
    public void Every_table_has_the_schema_s_columns_in_order()
    {
        var tables = StatisticsTableBuilder.Build(Statistics());

        Assert.Equal(DatasetSchema.Tables.Select(t => t.Name), tables.Select(t => t.Name));
        foreach (var (table, definition) in tables.Zip(DatasetSchema.Tables))
        {
            Assert.Equal(definition.Columns.Select(c => (c.Name, c.Kind, c.Nullable)), table.Columns.Select(c => (c.Name, c.Kind, c.Nullable)));
        }
    }

    [Fact]
    public void Every_row_carries_its_bin_s_footage_wall_clock_and_offset_so_the_repeated_hour_reads_plainly()
    {
        var tables = StatisticsTableBuilder.Build(Statistics());
        var counts = tables[0];

        Assert.Equal([1800.0, 1800.0, 3600.0], Values(counts, "analysed_seconds"));
        Assert.Equal([3600.0], Values(tables[1], "analysed_seconds"));
        Assert.Equal([3600.0], Values(tables[2], "analysed_seconds"));
        var twoAm = new DateTime(2026, 10, 25, 2, 0, 0);
        Assert.Equal([twoAm, twoAm, twoAm], Values(counts, "bin_start_local"));
        Assert.Equal([120L, 120L, 60L], Values(counts, "utc_offset_minutes"));
        Assert.Equal([120L, 60L], Values(tables[3], "utc_offset_minutes"));
    }

    [Fact]
    public void The_vehicle_type_is_missing_for_classes_other_than_vehicle()
    {
        var tables = StatisticsTableBuilder.Build(Statistics());

        Assert.Equal([null, "car", null], Values(tables[0], "vehicle_type"));
        Assert.Equal(["car"], Values(tables[1], "vehicle_type"));
        Assert.Equal([null], Values(tables[2], "vehicle_type"));
    }

    [Fact]
    public void A_statistic_in_a_bin_without_coverage_is_refused_rather_than_written_without_its_footage()
    {
        var statistics = Statistics() with { Coverage = [new CoverageRow("cam", FirstPassage, 1800)] };

        Assert.Throws<InvalidOperationException>(() => StatisticsTableBuilder.Build(statistics));
    }

    [Fact]
    public async Task Schema_json_describes_every_table_and_column_and_is_the_same_bytes_every_time()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        await SchemaFileWriter.WriteAsync(first, CancellationToken.None);
        await SchemaFileWriter.WriteAsync(second, CancellationToken.None);

        Assert.Equal(first.ToArray(), second.ToArray());
        using var schema = JsonDocument.Parse(first.ToArray());
        var root = schema.RootElement;
        Assert.Equal(DatasetSchema.Version, root.GetProperty("schema_version").GetInt32());
        Assert.Equal(DatasetSchema.Changes.Select(c => c.Version), root.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("version").GetInt32()));
        var tables = root.GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal(DatasetSchema.Tables.Select(t => t.Name), tables.Select(t => t.GetProperty("name").GetString()));
        foreach (var (json, definition) in tables.Zip(DatasetSchema.Tables))
        {
            var columns = json.GetProperty("columns").EnumerateArray().ToList();
            Assert.Equal(
                definition.Columns.Select(c => (c.Name, c.Nullable, c.Description)),
                columns.Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("nullable").GetBoolean(), c.GetProperty("description").GetString()!)));
            Assert.All(columns, c => Assert.NotEqual("", c.GetProperty("duckdb").GetString()));
        }
    }

    [Fact]
    public void The_readme_s_schema_section_lists_the_version_its_changes_and_every_column_with_its_type()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("\n### Schema\n", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n### ", 5, StringComparison.Ordinal)];

        Assert.Contains($"**schema version {DatasetSchema.Version}**", section, StringComparison.Ordinal);
        foreach (var change in DatasetSchema.Changes)
        {
            Assert.Matches($@"\n\| {change.Version} \| [^\n]+ \|\n", section);
        }

        var rows = ColumnRow().Matches(section).ToDictionary(m => m.Groups["name"].Value, m => (Type: m.Groups["type"].Value, Tables: m.Groups["tables"].Value));
        foreach (var table in DatasetSchema.Tables)
        {
            foreach (var column in table.Columns)
            {
                Assert.True(rows.TryGetValue(column.Name, out var row), $"README's Schema section has no row for {table.Name}.{column.Name}");
                Assert.Equal(SchemaFileWriter.TypeOf(column.Kind).Type + (column.Nullable ? ", nullable" : ""), row.Type);
                Assert.True(row.Tables == "all" || row.Tables.Split(", ").Contains(table.Name), $"README lists {column.Name} for {row.Tables}, not {table.Name}");
            }
        }

        Assert.Empty(rows.Keys.Except(DatasetSchema.Tables.SelectMany(t => t.Columns).Select(c => c.Name)));
    }

    [GeneratedRegex(@"\n\| `(?<name>[a-z_]+)` \| (?<type>[a-z0-9_, ]+) \| (?<tables>[a-z, ]+) \| ")]
    private static partial Regex ColumnRow();
}

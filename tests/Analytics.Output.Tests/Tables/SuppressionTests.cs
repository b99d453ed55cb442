using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Core.Objects;
using Analytics.Output.Tables;
using Analytics.Output.Writers;
using Parquet;

namespace Analytics.Output.Tests.Tables;

public sealed class SuppressionTests
{
    private static readonly TimeBin Bin = new(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 11, 21, 8, 15, 0, TimeSpan.FromHours(1)));
    private static readonly ClassKey Pedestrian = new(ObjectClass.Pedestrian, VehicleKind.None);

    private static StatisticsTables Statistics() => new(
        [.. new[] { 0, 1, 2, 3, 40 }.Select(n => new CountRow("cam", $"line{n}", "in", Pedestrian, Bin, n))],
        [new OccupancyRow("cam", "plaza", Pedestrian, Bin, 0.4, 2, 5), new OccupancyRow("cam", "square", Pedestrian, Bin, 3.5, 7, 1)],
        [new OriginDestinationRow("cam", "a", "b", Pedestrian, Bin, 2)],
        [new CoverageRow("cam", Bin, 1.5)]);

    [Fact]
    public void Counts_from_one_to_k_minus_one_are_hidden_and_flagged_zeros_and_larger_counts_are_kept()
    {
        var counts = StatisticsTableBuilder.Build(Statistics(), suppressBelow: 3)[0];

        var values = counts.Columns.Single(c => c.Name == "count").Integers;
        var flags = counts.Columns.Single(c => c.Name == "suppressed").Flags;
        Assert.Equal([0, null, null, 3, 40], values);
        Assert.Equal([false, true, true, false, false], flags);
    }

    [Fact]
    public void A_small_zone_maximum_hides_the_mean_too_and_small_entries_are_hidden()
    {
        var occupancy = StatisticsTableBuilder.Build(Statistics(), suppressBelow: 3)[1];

        Assert.Equal([null, 3.5], occupancy.Columns.Single(c => c.Name == "mean_count").Reals);
        Assert.Equal([null, 7], occupancy.Columns.Single(c => c.Name == "max_count").Integers);
        Assert.Equal([5, null], occupancy.Columns.Single(c => c.Name == "entries").Integers);
        Assert.Equal([true, true], occupancy.Columns.Single(c => c.Name == "suppressed").Flags);
    }

    [Fact]
    public void Without_suppression_every_value_is_written()
    {
        var tables = StatisticsTableBuilder.Build(Statistics());

        Assert.Equal([0, 1, 2, 3, 40], tables[0].Columns.Single(c => c.Name == "count").Integers);
        Assert.All(tables.SelectMany(t => t.Columns.Where(c => c.Name == "suppressed")).SelectMany(c => c.Flags), Assert.False);
    }

    [Fact]
    public async Task Suppressed_values_are_empty_in_csv_and_null_in_parquet()
    {
        var counts = StatisticsTableBuilder.Build(Statistics(), suppressBelow: 3)[0];
        using var csv = new MemoryStream();
        using var parquet = new MemoryStream();

        await new CsvTableWriter().WriteAsync(counts, new Dictionary<string, string>(), csv, CancellationToken.None);
        await new ParquetTableWriter().WriteAsync(counts, new Dictionary<string, string>(), parquet, CancellationToken.None);

        var lines = System.Text.Encoding.UTF8.GetString(csv.ToArray()).Split('\n');
        var header = lines[0].Split(',');
        var hidden = lines[2].Split(',');
        Assert.Equal(("", "true"), (hidden[Array.IndexOf(header, "count")], hidden[Array.IndexOf(header, "suppressed")]));
        parquet.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(parquet);
        var field = reader.Schema.GetDataFields().Single(f => f.Name == "count");
        using var group = reader.OpenRowGroupReader(0);
        var values = new long?[5];
        await group.ReadAsync(field, values.AsMemory());
        Assert.Equal([0, null, null, 3, 40], values);
    }
}

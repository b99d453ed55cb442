using System.Numerics;
using System.Text.Json;
using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Core.Objects;
using Analytics.Output.Query;
using Analytics.Output.Tables;
using Analytics.Output.Writers;
using Analytics.Tests.Shared;

namespace Analytics.Output.Tests.Query;

/// <summary>The embedded DuckDB over a written dataset: its views, its errors, and how rows are printed.</summary>
public sealed class ResultsDatabaseTests : IDisposable
{
    private static readonly TimeBin Bin = new(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 11, 21, 8, 15, 0, TimeSpan.FromHours(1)));

    private readonly TemporaryFolder _folder = new("analytics-query-");

    public void Dispose() => _folder.Dispose();

    /// <summary>Writes the four tables as the run does (suppressBelow 3: the 2 is hidden) into <paramref name="name"/>.</summary>
    private async Task<string> WriteDatasetAsync(string name = "out")
    {
        var directory = _folder[name];
        Directory.CreateDirectory(directory);
        foreach (var table in StatisticsTableBuilder.Build(Statistics(), suppressBelow: 3))
        {
            await using var file = File.Create(Path.Combine(directory, $"{table.Name}.parquet"));
            await new ParquetTableWriter().WriteAsync(table, new Dictionary<string, string>(), file, CancellationToken.None);
        }

        return directory;
    }

    private static StatisticsTables Statistics()
    {
        var pedestrian = new ClassKey(ObjectClass.Pedestrian, VehicleKind.None);
        return new StatisticsTables(
            [new CountRow("cam", "a", "in", pedestrian, Bin, 40), new CountRow("cam", "a", "out", pedestrian, Bin, 2)],
            [new OccupancyRow("cam", "plaza", pedestrian, Bin, 0.25, 3, 4)],
            [new OriginDestinationRow("cam", "a", "b", pedestrian, Bin, 5)],
            [new CoverageRow("cam", Bin, 450)]);
    }

    [Fact]
    public async Task The_four_tables_are_views_with_typed_columns()
    {
        using var database = ResultsDatabase.Open(await WriteDatasetAsync());

        var result = database.Execute("SELECT direction, count, suppressed, bin_start, bin_start_local, analysed_seconds FROM counts ORDER BY direction");
        var total = database.Execute("SELECT sum(count) AS crossings FROM counts");

        Assert.Equal(["counts", "occupancy", "od", "coverage"], database.Tables);
        Assert.Equal(["VARCHAR", "BIGINT", "BOOLEAN", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP", "DOUBLE"], result.Types);
        Assert.Equal(["in", 40L, false, new DateTime(2026, 11, 21, 7, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 21, 8, 0, 0), 450.0], result.Rows[0]);
        Assert.Equal(["out", null, true], result.Rows[1].Take(3));
        Assert.Equal(DateTimeKind.Utc, ((DateTime)result.Rows[0][3]!).Kind);
        Assert.Equal(new BigInteger(40), Assert.Single(total.Rows)[0]); // a hidden count is not added in
    }

    [Fact]
    public async Task A_dataset_in_the_partitioned_layout_reads_as_the_same_table_as_the_flat_one()
    {
        // As --layout partitioned writes it: TABLE/camera_id=…/date=…/part-0.parquet, camera_id taken from the path.
        var flat = await WriteDatasetAsync();
        var partitioned = _folder["partitioned-layout"];
        foreach (var table in StatisticsTableBuilder.Build(Statistics(), suppressBelow: 3))
        {
            foreach (var partition in TablePartition.Split(table))
            {
                var folder = Path.Combine(partitioned, table.Name, partition.Folder);
                Directory.CreateDirectory(folder);
                await using var file = File.Create(Path.Combine(folder, "part-0.parquet"));
                await new ParquetTableWriter().WriteAsync(partition.Rows, new Dictionary<string, string>(), file, CancellationToken.None);
            }
        }

        using var fromFlat = ResultsDatabase.Open(flat);
        using var fromPartitions = ResultsDatabase.Open(partitioned);
        const string Sql = "SELECT camera_id, line_id, direction, count, suppressed, bin_start, analysed_seconds FROM counts ORDER BY direction";

        Assert.Equal(["counts", "occupancy", "od", "coverage"], fromPartitions.Tables);
        Assert.Equal(fromFlat.Execute(Sql).Rows, fromPartitions.Execute(Sql).Rows);
        Assert.Equal(fromFlat.Execute("SELECT sum(analysed_seconds) FROM coverage").Rows, fromPartitions.Execute("SELECT sum(analysed_seconds) FROM coverage").Rows);
    }

    [Fact]
    public async Task A_folder_of_parquet_files_named_after_a_table_is_read_as_that_table()
    {
        var flat = await WriteDatasetAsync();
        var partitioned = _folder["partitioned"];
        Directory.CreateDirectory(Path.Combine(partitioned, "counts", "camera=cam"));
        File.Copy(Path.Combine(flat, "counts.parquet"), Path.Combine(partitioned, "counts", "camera=cam", "part-0.parquet"));

        using var database = ResultsDatabase.Open(partitioned);

        Assert.Equal(["counts"], database.Tables);
        Assert.Equal(2, database.Execute("SELECT * FROM counts").Rows.Count);
    }

    [Theory]
    [InlineData("SELEC 1", QueryFailure.InvalidQuery, "the query is not valid: Parser Error: syntax error at or near \"SELEC\"")]
    [InlineData("   ", QueryFailure.InvalidQuery, "the query is empty")]
    [InlineData("SELECT nothing FROM counts", QueryFailure.InvalidQuery, "the query is not valid: Binder Error: Referenced column \"nothing\" not found in FROM clause!")]
    [InlineData("SELECT * FROM trips", QueryFailure.InvalidQuery, "the query is not valid: Catalog Error: Table with name trips does not exist!")]
    [InlineData("COPY counts TO '/tmp/leak.csv'", QueryFailure.InvalidQuery, "the query may read only the views of the results folder")]
    [InlineData("INSTALL httpfs", QueryFailure.InvalidQuery, "the query may read only the views of the results folder")]
    public async Task A_query_that_cannot_run_says_why_in_one_sentence(string sql, QueryFailure failure, string message)
    {
        using var database = ResultsDatabase.Open(await WriteDatasetAsync());

        var e = Assert.Throws<QueryException>(() => database.Execute(sql));

        Assert.Equal(failure, e.Failure);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task A_table_missing_from_the_folder_or_a_damaged_file_is_a_dataset_problem()
    {
        var directory = await WriteDatasetAsync();
        File.Delete(Path.Combine(directory, "od.parquet"));
        Directory.CreateDirectory(_folder["damaged"]);
        await File.WriteAllTextAsync(Path.Combine(_folder["damaged"], "counts.parquet"), "not parquet");

        using var database = ResultsDatabase.Open(directory);
        var missing = Assert.Throws<QueryException>(() => database.Execute("SELECT * FROM od"));
        var damaged = Assert.Throws<QueryException>(() => ResultsDatabase.Open(_folder["damaged"]));
        var nowhere = Assert.Throws<QueryException>(() => ResultsDatabase.Open(_folder["nowhere"]));

        Assert.Equal((QueryFailure.DatasetUnavailable, QueryFailure.DatasetUnavailable, QueryFailure.DatasetUnavailable), (missing.Failure, damaged.Failure, nowhere.Failure));
        Assert.Equal($"the results folder {directory} has no od table (od.parquet); it has counts, occupancy, coverage", missing.Message);
        Assert.StartsWith($"counts in {_folder["damaged"]} cannot be read: ", damaged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_print_as_a_table_csv_or_json_with_missing_values_shown_as_such()
    {
        var result = new QueryResult(
            ["name", "count", "mean", "at", "local"],
            ["VARCHAR", "BIGINT", "DOUBLE", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP"],
            [
                ["a, \"quoted\"", 40L, 0.5, new DateTime(2026, 11, 21, 7, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 21, 8, 0, 0)],
                ["b", null, null, new DateTime(2026, 11, 21, 7, 15, 0, DateTimeKind.Utc), new DateTime(2026, 11, 21, 8, 15, 0)],
                ["c", new BigInteger(12345678901234), 2.0, null, null],
            ]);
        using var table = new StringWriter();
        using var csv = new StringWriter();
        using var json = new StringWriter();

        QueryResultWriter.WriteTable(result, table);
        QueryResultWriter.WriteCsv(result, csv);
        QueryResultWriter.WriteJson(result, json);

        Assert.Equal(
            """
            name                  count  mean  at                    local
            -----------  --------------  ----  --------------------  -------------------
            a, "quoted"              40   0.5  2026-11-21T07:00:00Z  2026-11-21T08:00:00
            b                      NULL  NULL  2026-11-21T07:15:00Z  2026-11-21T08:15:00
            c            12345678901234     2  NULL                  NULL
            (3 rows)

            """.ReplaceLineEndings("\n"),
            table.ToString().ReplaceLineEndings("\n"));
        Assert.Equal(
            "name,count,mean,at,local\n\"a, \"\"quoted\"\"\",40,0.5,2026-11-21T07:00:00Z,2026-11-21T08:00:00\nb,,,2026-11-21T07:15:00Z,2026-11-21T08:15:00\nc,12345678901234,2,,\n",
            csv.ToString());
        var rows = JsonDocument.Parse(json.ToString()).RootElement.EnumerateArray().ToList();
        Assert.Equal(40, rows[0].GetProperty("count").GetInt64());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("count").ValueKind);
        Assert.Equal(12345678901234, rows[2].GetProperty("count").GetInt64());
        Assert.Equal("2026-11-21T07:00:00Z", rows[0].GetProperty("at").GetString());
    }
}

using System.Data.Common;
using System.Globalization;
using Analytics.Runs.Dataset;
using Analytics.Runs.Tests.Support;
using DuckDB.NET.Data;

namespace Analytics.Runs.Tests.Sharding;

/// <summary>
/// --layout partitioned: hive-partitioned Parquet that DuckDB reads as one table with the flat layout's rows, and
/// that a night rewrites only where the data changed.
/// </summary>
public sealed class PartitionedLayoutTests : IDisposable
{
    private static readonly string[] Tables = ["counts", "occupancy", "od", "coverage"];

    private readonly ShardRuns _runs = new();

    public void Dispose() => _runs.Dispose();

    private Task<HarnessRun> NightAsync(string output, OutputLayout layout) =>
        _runs.Harness.RunAsync(_runs.Harness.Request(_runs.Job, output, withState: true, analysis: new Analytics.Runs.Jobs.AnalysisOptions { AnalysisFps = 3 }) with { Layout = layout });

    [Fact]
    public async Task DuckDB_reads_the_partitions_as_one_table_with_the_rows_of_the_flat_layout()
    {
        _runs.Record("2026-11-20_1000.mp4", shade: 1);
        _runs.Record("2026-11-21_1000.mp4", shade: 2);
        Assert.Equal(RunOutcome.Succeeded, (await _runs.OneRunAsync("flat")).Outcome);
        Assert.Equal(RunOutcome.Succeeded, (await _runs.OneRunAsync("partitioned", OutputLayout.Partitioned)).Outcome);

        var partitioned = _runs.Harness.Folder["partitioned"];
        Assert.True(File.Exists(Path.Combine(partitioned, "counts", "camera_id=room", "date=2026-11-20", "part-0.parquet")));
        Assert.True(File.Exists(Path.Combine(partitioned, "counts", "camera_id=room", "date=2026-11-21", "part-0.parquet")));
        Assert.False(File.Exists(Path.Combine(partitioned, "counts.csv")));
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        foreach (var table in Tables)
        {
            var flat = Rows(connection, $"SELECT * FROM read_parquet('{_runs.Harness.Folder["flat"]}/{table}.parquet')");
            if (flat.Count == 0)
            {
                Assert.False(Directory.Exists(Path.Combine(partitioned, table)), "a table without rows has no partition"); // the room has no zone and one line: no occupancy, no od
                continue;
            }

            var parts = Rows(connection,
                $"SELECT * EXCLUDE (date) FROM read_parquet('{partitioned}/{table}/**/*.parquet', hive_partitioning = true, hive_types = {{'camera_id': VARCHAR, 'date': DATE}})");
            Assert.Equal(flat.Order(StringComparer.Ordinal), parts.Order(StringComparer.Ordinal));
        }

        // The date partition is the camera's local date of the bin.
        Assert.Equal(["d=2026-11-20", "d=2026-11-21"], Rows(connection,
            $"SELECT DISTINCT strftime(date, '%Y-%m-%d') AS d FROM read_parquet('{partitioned}/coverage/**/*.parquet', hive_partitioning = true) ORDER BY 1"));
    }

    [Fact]
    public async Task A_night_rewrites_only_the_partitions_whose_data_changed()
    {
        _runs.Record("2026-11-20_1000.mp4", shade: 1);
        Assert.Equal(RunOutcome.Succeeded, (await NightAsync("nightly", OutputLayout.Partitioned)).Outcome);
        var output = _runs.Harness.Folder["nightly"];
        var firstDay = Directory.EnumerateFiles(output, "*.parquet", SearchOption.AllDirectories).ToList();
        Assert.Equal(2, firstDay.Count); // counts and coverage (the room has no zone and one line: no occupancy, no od)
        var longAgo = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var before = firstDay.ToDictionary(f => f, f => (Bytes: File.ReadAllBytes(f), Time: SetWriteTime(f, longAgo)));

        // The next night: a recording of the next day; the first day's partitions are left as they were.
        _runs.Record("2026-11-21_1000.mp4", shade: 2);
        Assert.Equal(RunOutcome.Succeeded, (await NightAsync("nightly", OutputLayout.Partitioned)).Outcome);

        foreach (var (file, (bytes, time)) in before)
        {
            Assert.Equal(bytes, File.ReadAllBytes(file));
            Assert.Equal(time, File.GetLastWriteTimeUtc(file));
        }

        var secondDay = Directory.EnumerateFiles(output, "*.parquet", SearchOption.AllDirectories).Except(firstDay).ToList();
        Assert.Equal(2, secondDay.Count);
        Assert.All(secondDay, f => Assert.Contains("date=2026-11-21", f, StringComparison.Ordinal));
        Assert.All(secondDay, f => Assert.True(File.GetLastWriteTimeUtc(f) > longAgo));

        // run.json lists every partition with its SHA-256, those not rewritten too.
        var listed = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run.json"))).RootElement.GetProperty("outputs")
            .EnumerateArray().Select(o => o.GetProperty("file").GetString()!).ToList();
        Assert.Equal(firstDay.Concat(secondDay).Select(f => Path.GetRelativePath(output, f)).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));

        // Going back to the flat layout removes the partitions, so the folder never holds the tables twice.
        Assert.Equal(RunOutcome.Succeeded, (await NightAsync("nightly", OutputLayout.Flat)).Outcome);
        Assert.DoesNotContain(Directory.EnumerateFiles(output, "*.parquet", SearchOption.AllDirectories), f => f.Contains("camera_id=", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(output, "counts.parquet")));
    }

    private static DateTime SetWriteTime(string file, DateTime time)
    {
        File.SetLastWriteTimeUtc(file, time);
        return File.GetLastWriteTimeUtc(file);
    }

    /// <summary>Every row of a query as one line of text (columns by name, in order, values invariant).</summary>
    private static List<string> Rows(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).OrderBy(reader.GetName, StringComparer.Ordinal)
                .Select(i => $"{reader.GetName(i)}={Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)}")));
        }

        return rows;
    }
}

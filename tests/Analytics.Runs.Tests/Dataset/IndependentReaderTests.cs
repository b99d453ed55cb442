using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;
using Analytics.Tests.Shared.Dataset;

namespace Analytics.Runs.Tests.Dataset;

/// <summary>
/// The dataset as a statistician reads it, with DuckDB (read_csv's type detection, read_parquet) rather than the
/// library that wrote it: every table holds the same rows, types and values in CSV and Parquet, with schema.json's
/// columns and types, missing values where a value is suppressed or does not apply, and the footage of each bin on
/// every row. The run: two recordings an hour apart (a gap with no row), walkers crossing two lines and a zone, with
/// small-cell suppression.
/// </summary>
public sealed class IndependentReaderTests : IDisposable
{
    private readonly RunHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private string Output => _harness.Folder["out"];

    /// <summary><paramref name="count"/> walkers 3 s apart from 1 s after <paramref name="start"/>.</summary>
    private static IEnumerable<DateTimeOffset> Walkers(DateTimeOffset start, int count) => Enumerable.Range(0, count).Select(i => start.AddSeconds(1 + (3 * i)));

    [Fact]
    public async Task Csv_and_parquet_hold_the_same_rows_types_and_values_as_duckdb_reads_them()
    {
        var later = SyntheticCameras.Morning.AddHours(1);
        _harness.Scene = new WalkingScene([.. Walkers(SyntheticCameras.Morning, 5), .. Walkers(later, 2)]);
        var first = SyntheticVideo.Write(_harness.Folder["first.mp4"], seconds: 20);
        var second = SyntheticVideo.Write(_harness.Folder["second.mp4"], seconds: 21); // another length: the same content twice would be a duplicate
        var cameras = $$"""
            [{ "id": "room", "timeZone": "Europe/Paris",
               "inputs": [{ "path": "{{first}}", "start": "{{SyntheticCameras.Iso(SyntheticCameras.Morning)}}" },
                          { "path": "{{second}}", "start": "{{SyntheticCameras.Iso(later)}}" }],
               "lines": [{ "id": "west", "from": [50, 120], "to": [50, 30], "forward": "leaving", "backward": "arriving" },
                         { "id": "east", "from": [110, 120], "to": [110, 30] }],
               "zones": [{ "id": "middle", "polygon": [[40, 40], [120, 40], [120, 120], [40, 120]] }] }]
            """;
        var job = JobFiles.Write(_harness.Folder.Path, cameras, extra: "\"suppressBelow\": 3,");

        Assert.Equal(RunOutcome.Succeeded, (await _harness.RunAsync(_harness.Request(job))).Outcome);

        var rows = new[] { "counts", "occupancy", "od", "coverage" }.ToDictionary(t => t, t => IndependentReader.AssertSameTable(Output, t));
        Assert.All(rows, r => Assert.True(r.Value > 0, $"{r.Key} has no row"));
        Assert.Equal(2, rows["coverage"]); // 10:00 and 11:00: the three bins between have no footage and no row

        var counts = IndependentReader.Read(Path.Combine(Output, "counts.parquet"));
        int Column(string name) => Array.IndexOf(counts.Columns, name);
        // The 2 walkers of 11:00 cross each line: a count below 3, hidden; the 5 of 10:00 are shown.
        var leaving = counts.Rows.Where(r => (string)r[Column("line_id")]! == "west" && (string)r[Column("direction")]! == "leaving" && (string)r[Column("class")]! == "pedestrian").ToList();
        Assert.Equal([(5L, false), ((long?)null, true)], leaving.Select(r => ((long?)r[Column("count")], (bool)r[Column("suppressed")]!)));
        Assert.All(counts.Rows, r => Assert.Equal((string)r[Column("class")]! == "vehicle", r[Column("vehicle_type")] is not null));
        Assert.All(counts.Rows, r => Assert.Equal(60L, r[Column("utc_offset_minutes")]));
        Assert.Equal([20.0, 21.0], counts.Rows.Select(r => Math.Round((double)r[Column("analysed_seconds")]!)).Distinct().Order());
        Assert.Equal(
            [new DateTime(2026, 11, 20, 10, 0, 0), new DateTime(2026, 11, 20, 11, 0, 0)],
            counts.Rows.Select(r => (DateTime)r[Column("bin_start_local")]!).Distinct().Order());
    }
}

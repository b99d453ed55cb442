using System.Text.Json;
using Analytics.Tests.Shared;
using Analytics.Tests.Shared.Dataset;

namespace Analytics.Cli.Tests.Analysis;

/// <summary>
/// The analyse command end to end on the real model and the real one-by-one clip: six people come, one at a time,
/// to a table in the middle of the room and, after a while, walk out to the right. Counted by watching the clip
/// (frames every 0.5 s around each arrival and departure): each of the six crosses a vertical line at x = 600,
/// left to right, when leaving (at about 19.5, 44.5, 69.5, 86, 119 and 135.5 s); nobody crosses it the other way.
/// (That a second run over the same inputs gives byte-identical CSV is a property of the pipeline, tested on the
/// library with scripted detectors: Analytics.Runs.Tests, Pipeline/DeterminismTests.)
/// </summary>
[Collection(OneByOneRun.Collection)]
public sealed class AnalyseCommandTests
{
    private readonly OneByOneRun _run;

    public AnalyseCommandTests(OneByOneRun run) => _run = run;

    [Fact]
    public void The_six_visitors_are_counted_leaving_and_none_arriving()
    {
        Assert.Equal(0, _run.ExitCode);
        var (header, rows) = OutputReader.ReadCsv(Path.Combine(_run.Output, "counts.csv"));
        Assert.Equal(["camera_id", "line_id", "direction", "class", "vehicle_type", "bin_start", "bin_end", "count", "suppressed", "bin_start_local", "utc_offset_minutes", "analysed_seconds"], header);

        int Count(string direction, string objectClass) => rows.Where(r => r[2] == direction && r[3] == objectClass).Sum(r => int.Parse(r[7], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(6, Count("leaving", "pedestrian"));
        Assert.Equal(0, Count("arriving", "pedestrian"));
        Assert.Equal(0, Count("leaving", "vehicle") + Count("leaving", "cycle"));
    }

    [Fact]
    public void Every_class_and_direction_has_an_explicit_row_zeros_included_in_the_one_bin_with_footage()
    {
        var (_, rows) = OutputReader.ReadCsv(Path.Combine(_run.Output, "counts.csv"));
        var (_, coverage) = OutputReader.ReadCsv(Path.Combine(_run.Output, "coverage.csv"));

        Assert.Equal(2 * 6, rows.Count); // 2 directions x (pedestrian, cycle, 4 vehicle types), one bin
        Assert.All(rows, r => Assert.Equal(("2026-11-20T10:00:00+01:00", "2026-11-20T10:15:00+01:00"), (r[5], r[6])));
        var bin = Assert.Single(coverage);
        Assert.Equal(139.4, double.Parse(bin[3], System.Globalization.CultureInfo.InvariantCulture), 1); // 1394 frames at 10 fps
    }

    [Fact]
    public void The_table_zone_never_holds_more_than_one_person_and_is_occupied_about_three_quarters_of_the_time()
    {
        var (header, rows) = OutputReader.ReadCsv(Path.Combine(_run.Output, "occupancy.csv"));
        Assert.Equal(["camera_id", "zone_id", "class", "vehicle_type", "bin_start", "bin_end", "mean_count", "max_count", "entries", "suppressed", "bin_start_local", "utc_offset_minutes", "analysed_seconds"], header);
        var people = Assert.Single(rows, r => r[2] == "pedestrian");

        // Watched: someone stands at the table for about 103 of the 139.4 s (0.74). Zone edges and the frames
        // before a track is confirmed make it a little less.
        Assert.InRange(double.Parse(people[6], System.Globalization.CultureInfo.InvariantCulture), 0.66, 0.78);
        Assert.Equal("1", people[7]);
        // Six arrivals; a seventh entry appears when a visitor's track breaks while they turn to leave.
        Assert.InRange(int.Parse(people[8], System.Globalization.CultureInfo.InvariantCulture), 6, 7);
    }

    [Theory]
    [InlineData("counts")]
    [InlineData("occupancy")]
    [InlineData("od")]
    [InlineData("coverage")]
    public async Task Duckdb_reads_the_same_rows_types_and_values_from_csv_and_parquet_and_parquet_carries_the_run_s_settings(string dataset)
    {
        IndependentReader.AssertSameTable(_run.Output, dataset);
        var metadata = await OutputReader.ReadParquetMetadataAsync(Path.Combine(_run.Output, $"{dataset}.parquet"));

        Assert.Equal("Statistical count of visitors (test)", metadata["purpose"]);
        Assert.Equal("Test decision 2026-1", metadata["decision_reference"]);
        Assert.Equal("room=Europe/Paris", metadata["time_zones"]);
        Assert.Equal(("yolox-nano-416", "695e750a5d5754bb5a8d5325643b59282191a7e7a564e435a415fd3c578eab14"), (metadata["model_id"], metadata["model_sha256"]));
        Assert.Equal(("10", "0.35", "10"), (metadata["analysis_fps"], metadata["threshold"], metadata["checkpoint_minutes"]));
        Assert.Equal(("2", "0.1.0"), (metadata["schema_version"], metadata["software_version"]));
    }

    [Fact]
    public void Run_json_records_the_job_the_model_the_input_and_the_outputs_with_their_hashes()
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.Output, "run.json")));
        var root = report.RootElement;

        Assert.Equal("Public-interest task, GDPR art. 6(1)(e)", root.GetProperty("job").GetProperty("legal_basis").GetString());
        Assert.Equal("695e750a5d5754bb5a8d5325643b59282191a7e7a564e435a415fd3c578eab14", root.GetProperty("model").GetProperty("sha256").GetString());
        var input = Assert.Single(root.GetProperty("inputs").EnumerateArray());
        Assert.Equal("ok", input.GetProperty("status").GetString());
        Assert.Equal("a5964aa259099a482a8b360ffc2c57b5a30f84d5919236a4dad01f8e929ac07c", input.GetProperty("sha256").GetString());
        Assert.Equal(1394, input.GetProperty("frames_analysed").GetInt64());
        Assert.Equal(8, root.GetProperty("outputs").GetArrayLength());
        foreach (var output in root.GetProperty("outputs").EnumerateArray())
        {
            var file = Path.Combine(_run.Output, output.GetProperty("file").GetString()!);
            Assert.Equal(output.GetProperty("sha256").GetString(), Core.Integrity.FileHash.Sha256Hex(file));
        }
    }
}

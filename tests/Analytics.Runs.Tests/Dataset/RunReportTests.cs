using System.Text.Json;
using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Core.Integrity;
using Analytics.Runs.Dataset;
using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.Dataset;

/// <summary>
/// run.json, as RunOutputs writes it beside the dataset: what was run, on what, with which result, file by file and
/// in total. Built from outcomes made by hand (no video, no model) so that every figure below is known in advance.
/// </summary>
public sealed class RunReportTests : IDisposable
{
    private static readonly DateTimeOffset Start = SyntheticCameras.Morning;

    private readonly TemporaryFolder _folder = new("analytics-report-");

    public void Dispose() => _folder.Dispose();

    private static FileContribution Contribution(JobInput input, double seconds, int crossings)
    {
        var contribution = new FileContribution(input.CameraId);
        contribution.Coverage.Add((input.Start.UtcTicks, (input.Start + TimeSpan.FromSeconds(seconds)).UtcTicks));
        contribution.Crossings[new CrossingTallyKey(0, CrossingDirection.Forward, ClassKey.All[0], FileContribution.MinuteOf(input.Start.UtcTicks))] = crossings;
        return contribution;
    }

    /// <summary>
    /// Five inputs: one analysed now (100 frames, 20 s, 3 crossings), one resumed now (120 frames of which 40 by an
    /// earlier run, 24 s, 2 crossings), one taken from the state (50 frames, 10 s, 4 crossings), one failed, one refused.
    /// </summary>
    private async Task<JsonElement> WriteReportAsync(int? suppressBelow = 5)
    {
        var inputs = Enumerable.Range(0, 5).Select(i => ($"/archive/{i}.mp4", Start.AddMinutes(i))).ToList();
        var job = TestJobs.Job(cameras: TestJobs.Room(inputs)) with { SuppressBelow = suppressBelow };
        var input = job.Cameras[0].Inputs;
        FileOutcome Analysed(int i, double seconds, int crossings) =>
            FileOutcome.Analysed("room", input[i].Path, input[i].Start, new string((char)('a' + i), 64), Contribution(input[i], seconds, crossings));
        var files = new[]
        {
            Analysed(0, 20, 3) with { FramesDecoded = 200, FramesAnalysed = 100, WallSeconds = 1.23456 },
            Analysed(1, 24, 2) with { FramesDecoded = 240, FramesAnalysed = 120, FramesResumed = 40, ResumedFrom = TimeSpan.FromSeconds(12) },
            Analysed(2, 10, 4) with { FramesDecoded = 100, FramesAnalysed = 50, FromState = true },
            FileOutcome.Failed(input[3], "/archive/3.mp4: decoding stopped early: the file is truncated or corrupt", FailureKind.Content) with { Sha256 = new string('d', 64), FramesDecoded = 30, FramesAnalysed = 15 },
            FileOutcome.Refused(input[4], "/archive/4.mp4: is empty or is not a regular file"),
        };
        var aggregator = new StatisticsAggregator(job.Cameras.Select(c => c.Binned(job.BinMinutes)));
        foreach (var file in files.Where(f => f.Contribution is not null))
        {
            aggregator.Add(file.Contribution!);
        }

        var result = new AnalysisResult(files, aggregator.Build(), ["camera room: an overlap"], Start, TimeSpan.FromSeconds(4));
        var outputs = await RunOutputs.WriteAsync(_folder["out"], job, new AnalysisOptions { AnalysisFps = 5 }, new ExecutionOptions { Workers = 2 }, ScriptedDetectorPool.FakeModel, result, CancellationToken.None);
        Assert.Equal(8, outputs.Count);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(_folder["out/run.json"]));
        return report.RootElement.Clone();
    }

    [Fact]
    public async Task The_report_has_its_sections_in_order()
    {
        var report = await WriteReportAsync();

        Assert.Equal(["generator", "job", "model", "settings", "inputs", "totals", "warnings", "timing", "outputs"], report.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("analytics ", report.GetProperty("generator").GetString(), StringComparison.Ordinal);
        Assert.Equal(["camera room: an overlap"], report.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public async Task The_job_model_and_settings_are_recorded_as_run()
    {
        var report = await WriteReportAsync();
        var job = report.GetProperty("job");
        var settings = report.GetProperty("settings");

        Assert.Equal(("Statistical count of visitors (test)", "Public-interest task, GDPR art. 6(1)(e)", "Commune de Test-sur-Mer", "Test decision 2026-1"),
            (job.GetProperty("purpose").GetString(), job.GetProperty("legal_basis").GetString(), job.GetProperty("controller").GetString(), job.GetProperty("decision_reference").GetString()));
        Assert.Equal((15, 30, 5), (job.GetProperty("bin_minutes").GetInt32(), job.GetProperty("retention_days").GetInt32(), job.GetProperty("suppress_below").GetInt32()));
        var camera = Assert.Single(job.GetProperty("cameras").EnumerateArray());
        Assert.Equal(("room", "Europe/Paris", "leaving"), (camera.GetProperty("id").GetString(), camera.GetProperty("time_zone").GetString(), camera.GetProperty("lines")[0].GetProperty("forward").GetString()));
        Assert.Equal((ScriptedDetectorPool.FakeSha256, "scripted-test-detector"), (report.GetProperty("model").GetProperty("sha256").GetString(), report.GetProperty("model").GetProperty("id").GetString()));
        Assert.Equal((5.0, 2, 0.35), (settings.GetProperty("analysis_fps").GetDouble(), settings.GetProperty("workers").GetInt32(), Math.Round(settings.GetProperty("threshold").GetDouble(), 6)));
    }

    [Fact]
    public async Task Each_input_is_reported_with_its_status_word_error_and_frames()
    {
        var report = await WriteReportAsync();

        var inputs = report.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(["ok", "ok", "ok", "failed", "refused"], inputs.Select(i => i.GetProperty("status").GetString()));
        Assert.Equal([true, true, false, true, true], inputs.Select(i => i.GetProperty("analysed_in_this_run").GetBoolean()));
        Assert.Equal([null, null, null, "/archive/3.mp4: decoding stopped early: the file is truncated or corrupt", "/archive/4.mp4: is empty or is not a regular file"],
            inputs.Select(i => i.GetProperty("error").GetString()));
        Assert.Equal([new string('a', 64), new string('b', 64), new string('c', 64), new string('d', 64), null], inputs.Select(i => i.GetProperty("sha256").GetString()));
        Assert.Equal(12.0, inputs[1].GetProperty("resumed_from_seconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, inputs[0].GetProperty("resumed_from_seconds").ValueKind);
        Assert.Equal((100L, 200L, 20.0, 1.235), (inputs[0].GetProperty("frames_analysed").GetInt64(), inputs[0].GetProperty("frames_decoded").GetInt64(), inputs[0].GetProperty("analysed_seconds").GetDouble(), inputs[0].GetProperty("wall_seconds").GetDouble()));
        Assert.Equal("2026-11-20T10:00:00.0000000+01:00", inputs[0].GetProperty("recording_start").GetString());
    }

    [Fact]
    public async Task Totals_count_what_this_run_did_and_what_the_dataset_holds()
    {
        var totals = (await WriteReportAsync(suppressBelow: null)).GetProperty("totals");

        Assert.Equal(5, totals.GetProperty("files").GetInt32());
        Assert.Equal(3, totals.GetProperty("analysed_in_this_run").GetInt32());  // analysed, resumed, failed (refused files are not opened, earlier ones not again)
        Assert.Equal((3, 1, 1), (totals.GetProperty("succeeded").GetInt32(), totals.GetProperty("failed").GetInt32(), totals.GetProperty("refused").GetInt32()));
        Assert.Equal(195, totals.GetProperty("frames_analysed").GetInt64());      // 100 + (120 - 40 resumed) + 15 before the failure; none from the state
        Assert.Equal(54.0, totals.GetProperty("analysed_seconds").GetDouble());   // 20 + 24 + 10: the dataset's footage
        Assert.Equal(9, totals.GetProperty("crossings").GetInt32());              // 3 + 2 + 4
    }

    [Fact]
    public async Task With_small_cell_suppression_no_total_is_written_that_would_give_a_hidden_cell_away()
    {
        var totals = (await WriteReportAsync(suppressBelow: 5)).GetProperty("totals");

        Assert.Equal(JsonValueKind.Null, totals.GetProperty("crossings").ValueKind); // 9 minus the visible cells would be the hidden ones
        Assert.Equal(5, totals.GetProperty("files").GetInt32());
    }

    [Fact]
    public async Task Timing_relates_the_frames_of_this_run_to_its_wall_time()
    {
        var timing = (await WriteReportAsync()).GetProperty("timing");

        Assert.Equal(4.0, timing.GetProperty("wall_seconds").GetDouble());
        Assert.Equal(48.75, timing.GetProperty("frames_per_second").GetDouble()); // 195 frames in 4 s
        Assert.Equal("2026-11-20T10:00:04.0000000+01:00", timing.GetProperty("finished").GetString());
    }

    [Fact]
    public async Task The_outputs_are_listed_with_the_hash_of_the_file_written_and_their_rows()
    {
        var report = await WriteReportAsync();

        var outputs = report.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(["counts.csv", "counts.parquet", "occupancy.csv", "occupancy.parquet", "od.csv", "od.parquet", "coverage.csv", "coverage.parquet"],
            outputs.Select(o => o.GetProperty("file").GetString()));
        Assert.All(outputs, o => Assert.Equal(FileHash.Sha256Hex(_folder[Path.Combine("out", o.GetProperty("file").GetString()!)]), o.GetProperty("sha256").GetString()));
        Assert.Equal(12, outputs[0].GetProperty("rows").GetInt32()); // one bin: 2 directions x 6 classes
        Assert.Equal(1, outputs[6].GetProperty("rows").GetInt32());  // one bin of coverage
    }
}

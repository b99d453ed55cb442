using System.Text.Json;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Validation;

/// <summary>
/// The validate command end to end on the real model and the OTAnalytics cyclist clip (800x600, 60 frames at
/// 20 fps). Its truth was checked by hand (ground-truth README of the shared folder): across the line
/// (0, 405) → (800, 405) one cycle rides forward (towards the camera) at frame 51; no vehicle and no pedestrian
/// crosses. The tests assert on the command's contract (keys, files, exit codes), not on how well the model does:
/// the accuracy suite measures that.
/// </summary>
public sealed class ValidateCommandTests : IClassFixture<ValidateCommandTests.CyclistRun>
{
    private readonly CyclistRun _run;

    public ValidateCommandTests(CyclistRun run) => _run = run;

    private static JsonElement JsonOf(string output) =>
        JsonDocument.Parse(output.Split('\n').Single(l => l.StartsWith("{\"job\"", StringComparison.Ordinal))).RootElement;

    [Fact]
    public async Task The_json_report_has_the_metrics_and_the_rows_and_is_written_beside_the_results()
    {
        var (exitCode, output) = await CliRunner.RunAsync("validate", "--job", _run.Job, "--truth", _run.Truth, "--results", _run.Output, "--json");

        Assert.Equal(0, exitCode);
        var report = JsonOf(output);
        foreach (var key in new[] { "total_abs_error", "mape", "geh_share_below_5", "tool_total", "truth_total", "rows", "bins", "notes" })
        {
            Assert.True(report.TryGetProperty(key, out _), key);
        }

        Assert.Equal(1, report.GetProperty("truth_total").GetInt32());
        var cycle = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("class").GetString() == "cycle" && r.GetProperty("direction").GetString() == "forward");
        Assert.Equal(1, cycle.GetProperty("truth").GetInt32());
        Assert.Equal(6, report.GetProperty("rows").GetArrayLength()); // 2 directions x (pedestrian, cycle, vehicles together)
        using var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.Output, "validation.json")));
        Assert.Equal(report.GetProperty("total_abs_error").ToString(), written.RootElement.GetProperty("total_abs_error").ToString());
    }

    [Fact]
    public async Task Max_error_exits_7_above_the_allowed_error_and_0_within_it()
    {
        // A deliberately wrong truth: 50 pedestrians walking away from the camera, which nobody does in this clip.
        var wrong = Path.Combine(_run.Directory, "wrong.csv");
        File.WriteAllText(wrong, File.ReadAllText(_run.Truth).Replace("backward,pedestrian,,2026-11-20T08:00:00+01:00,2026-11-20T08:15:00+01:00,0", "backward,pedestrian,,2026-11-20T08:00:00+01:00,2026-11-20T08:15:00+01:00,50", StringComparison.Ordinal));

        var (within, _) = await CliRunner.RunAsync("validate", "--job", _run.Job, "--truth", _run.Truth, "--results", _run.Output, "--max-error", "100000");
        var (above, text) = await CliRunner.RunAsync("validate", "--job", _run.Job, "--truth", wrong, "--results", _run.Output, "--max-error", "50");

        Assert.Equal(ExitCodes.Success, within);
        Assert.Equal(ExitCodes.AboveAllowedError, above);
        Assert.Equal(7, ExitCodes.AboveAllowedError);
        Assert.Contains("ABOVE the allowed error of 50 %", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_results_the_job_is_analysed_for_the_comparison()
    {
        var (exitCode, output) = await CliRunner.RunAsync("validate", "--job", _run.Job, "--truth", _run.Truth, "--json", "--settle-seconds", "0");

        Assert.Equal(0, exitCode);
        var report = JsonOf(output);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("results").ValueKind);
        Assert.Equal(10, report.GetProperty("analysis_fps").GetDouble());
        Assert.Equal(1, report.GetProperty("truth_total").GetInt32());
    }

    [Fact]
    public async Task Truth_that_does_not_fit_the_job_is_refused_with_exit_code_2()
    {
        var bad = Path.Combine(_run.Directory, "bad.csv");
        File.WriteAllText(bad, File.ReadAllText(_run.Truth).Replace(",approach,forward,cycle,", ",exit,forward,cycle,", StringComparison.Ordinal));

        var (exitCode, output) = await CliRunner.RunAsync("validate", "--job", _run.Job, "--truth", bad, "--results", _run.Output);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("bad.csv line 3: line 'exit' is not a line of camera 'junction' (its lines: approach)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_template_has_the_header_of_counts_csv_and_a_blank_row_per_line_direction_and_class()
    {
        var (exitCode, output) = await CliRunner.RunAsync("validate", "--template", "--job", _run.Job);

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("camera_id,line_id,direction,class,vehicle_type,bin_start,bin_end,count,suppressed", lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.Equal("junction,approach,forward,cycle,,2026-11-20T08:00:00+01:00,2026-11-20T08:15:00+01:00,,false", lines[2]);
    }

    /// <summary>One analysis of the cyclist clip at the default settings, and its hand-checked truth.</summary>
    public sealed class CyclistRun : IAsyncLifetime
    {
        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("analytics-validate-").FullName;

        public string Output => Path.Combine(Directory, "out");

        public string Truth => Path.Combine(Directory, "truth.csv");

        public string Job { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Job = CliRunner.WriteJob(Directory, $$"""
                [{
                  "id": "junction", "timeZone": "Europe/Berlin",
                  "inputs": [{ "path": "{{RepositoryPaths.SampleVideo("otanalytics_testvideo_cars-cyclist_800x600.mp4")}}", "start": "2026-11-20T08:00:00+01:00" }],
                  "lines": [{ "id": "approach", "from": [0, 405], "to": [800, 405] }]
                }]
                """);
            var bin = "2026-11-20T08:00:00+01:00,2026-11-20T08:15:00+01:00";
            File.WriteAllText(Truth, string.Join("\n",
                "camera_id,line_id,direction,class,vehicle_type,bin_start,bin_end,count",
                $"junction,approach,forward,pedestrian,,{bin},0",
                $"junction,approach,forward,cycle,,{bin},1",
                $"junction,approach,forward,vehicle,,{bin},0",
                $"junction,approach,backward,pedestrian,,{bin},0",
                $"junction,approach,backward,cycle,,{bin},0",
                $"junction,approach,backward,vehicle,,{bin},0") + "\n");
            var (exitCode, output) = await CliRunner.RunAsync("analyse", "--job", Job, "--out", Output, "--progress", "off");
            Assert.True(exitCode == 0, output);
        }

        public Task DisposeAsync()
        {
            System.IO.Directory.Delete(Directory, recursive: true);
            return Task.CompletedTask;
        }
    }
}

using System.Text.Json;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Benchmarking;

/// <summary>The bench command's report holds every figure it promises and they are consistent with each other.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task Json_report_relates_the_stages_the_ceiling_and_the_end_to_end_run()
    {
        var video = RepositoryPaths.SampleVideo("intel_person-bicycle-car-detection_preview.gif");

        var (exitCode, output) = await CliRunner.RunAsync("bench", video, "--json");

        Assert.Equal(0, exitCode);
        // With --log-format json (as the runner gives it) every line is JSON: the bench's steps are log events, the
        // report is one object.
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line)).ToList();
        var steps = lines.Where(line => line.RootElement.TryGetProperty("@m", out _)).Select(line => line.RootElement.GetProperty("@m").GetString()!).ToList();
        Assert.Contains("bench: decoding...", steps);
        Assert.All(steps, step => Assert.StartsWith("bench: ", step, StringComparison.Ordinal));
        using var report = Assert.Single(lines, line => line.RootElement.TryGetProperty("end_to_end_fps", out _));
        var root = report.RootElement;
        foreach (var key in new[] { "decode_fps", "letterbox_fps", "inference_fps", "tracking_fps", "end_to_end_fps", "ceiling_fps", "ratio", "realtime_factor" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        }

        Assert.Equal(12.5, root.GetProperty("analysis_fps").GetDouble()); // the GIF's full rate
        Assert.Equal("on", root.GetProperty("motion_gate").GetString());
        Assert.InRange(root.GetProperty("frames_skipped").GetInt64(), 0, 41);
        Assert.Equal(41, root.GetProperty("stages").GetProperty("end_to_end").GetProperty("frames").GetInt64());
        // The report rounds fps to 0.01 and ratios to 0.001, so a ratio recomputed from it agrees within 0.003.
        var ratio = root.GetProperty("end_to_end_fps").GetDouble() / root.GetProperty("ceiling_fps").GetDouble();
        Assert.InRange(root.GetProperty("ratio").GetDouble(), ratio - 0.003, ratio + 0.003);
        var realtime = root.GetProperty("end_to_end_fps").GetDouble() / 12.5;
        Assert.InRange(root.GetProperty("realtime_factor").GetDouble(), realtime - 0.003, realtime + 0.003);
    }

    [Theory]
    [InlineData(new[] { "bench" }, "give a VIDEO to measure, or --archive")]
    [InlineData(new[] { "bench", "--archive", "clip.mp4" }, "a VIDEO is measured without --archive")]
    [InlineData(new[] { "bench", "--archive", "--sizes", "native,4k" }, "--sizes: '4k' is not one of native, 720p, 1080p")]
    [InlineData(new[] { "bench", "--archive", "--scenes", "harbour" }, "--scenes: 'harbour' is not one of plaza, avenue, room")]
    public async Task A_bench_without_a_video_or_with_an_unknown_archive_size_or_scene_is_refused_before_anything_runs(string[] args, string problem)
    {
        var (exitCode, output) = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains($"bench: {problem}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Its_lines_are_plain_text_for_people_without_log_format_json()
    {
        var (exitCode, output) = await CliRunner.RunExactlyAsync("bench", "--archive", "--sizes", "4k");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Equal(["bench: --sizes: '4k' is not one of native, 720p, 1080p"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_stream_is_refused()
    {
        var (exitCode, output) = await CliRunner.RunAsync("bench", "rtsp://192.0.2.1/live");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("deferred-only", output, StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> ValuesOutOfRange => new()
    {
        { ["--analysis-fps", "-1"], "bench: --analysis-fps: -1 is not between 0 and 120" },
        { ["--analysis-fps", "0"], "bench: --analysis-fps: 0 is not between 0 and 120" },
        { ["--analysis-fps", "500"], "bench: --analysis-fps: 500 is not between 0 and 120" },
        { ["--files", "0"], "bench: --files: 0 is not between 1 and 64" },
    };

    [Theory]
    [MemberData(nameof(ValuesOutOfRange))]
    public async Task A_value_out_of_range_is_said_in_one_sentence_with_exit_code_2_before_anything_is_measured(string[] option, string sentence)
    {
        var (exitCode, output) = await CliRunner.RunAsync(["bench", RepositoryPaths.SampleVideo("intel_person-bicycle-car-detection_preview.gif"), .. option]);

        Assert.True(exitCode == 2, $"exit {exitCode}: {output}");
        // Nothing else: no stack trace, no measuring step; one error event, as the runner asks for JSON lines.
        using var line = JsonDocument.Parse(Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal((sentence, "Error"), (line.RootElement.GetProperty("@m").GetString(), line.RootElement.GetProperty("@l").GetString()));
    }
}

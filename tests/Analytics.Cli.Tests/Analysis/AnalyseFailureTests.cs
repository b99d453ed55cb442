using System.Text.Json;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Analysis;

/// <summary>How the analyse command fails: early and completely for a bad job, file by file for bad inputs.</summary>
public sealed class AnalyseFailureTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("analytics-failures-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Output => Path.Combine(_directory, "out");

    [Fact]
    public async Task An_invalid_job_reports_every_problem_with_its_json_path_and_runs_nothing()
    {
        var job = Path.Combine(_directory, "job.json");
        await File.WriteAllTextAsync(job, """
            {
              "purpose": "",
              "legalBasis": "Public-interest task",
              "controller": "Test municipality",
              "binMinutes": 7,
              "cameras": [{
                "id": "cam", "timeZone": "Mars/Olympus",
                "inputs": [{ "path": "rtsp://192.0.2.1/live", "start": "2026-11-20T10:00:00+01:00" }],
                "lines": [{ "id": "a", "from": [0, 0], "to": [0, 0] }, { "id": "b", "from": [1, 2, 3], "to": [5, 5] }]
              }]
            }
            """);

        var (exitCode, output) = await CliRunner.RunAsync("analyse", "--job", job, "--out", Output);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.False(Directory.Exists(Output));
        foreach (var expected in new[]
        {
            "purpose: is required and must not be empty",
            "decisionReference: is required and must not be empty",
            "binMinutes: 7 does not tile an hour or a day",
            "cameras[0].timeZone: 'Mars/Olympus' is not a known IANA time zone",
            "cameras[0].lines[0].to: the line has no length",
            "cameras[0].lines[1].from: expected a point [x, y] in frame pixels",
        })
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_stream_input_is_refused_as_not_deferred()
    {
        var job = CliRunner.WriteJob(_directory, """
            [{ "id": "cam", "timeZone": "Europe/Paris",
               "inputs": [{ "path": "rtsp://192.0.2.1/live", "start": "2026-11-20T10:00:00+01:00" }],
               "lines": [{ "id": "a", "from": [0, 0], "to": [10, 10] }] }]
            """);

        var (exitCode, output) = await CliRunner.RunAsync("analyse", "--job", job, "--out", Output);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("cameras[0].inputs[0].path: rtsp://192.0.2.1/live 'rtsp' is a stream, not a recorded file; analysis is deferred-only", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_outside_the_real_frame_is_reported_with_its_path_and_nothing_runs()
    {
        var job = CliRunner.WriteJob(_directory, $$"""
            [{ "id": "plaza", "timeZone": "Europe/London",
               "inputs": [{ "path": "{{RepositoryPaths.SampleVideo("pets09_s2l1_vtest_480x360.mp4")}}", "start": "2026-11-20T10:00:00+00:00" }],
               "lines": [{ "id": "ok", "from": [0, 20], "to": [480, 20] }, { "id": "off", "from": [0, 20], "to": [900, 20] }] }]
            """);

        var (exitCode, output) = await CliRunner.RunAsync("analyse", "--job", job, "--out", Output);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("cameras[0].lines[1].to: point (900, 20) is outside the 480x360 frame", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public async Task A_folder_with_corrupt_files_still_yields_the_statistics_of_the_good_one()
    {
        // Four recordings of one camera, a minute apart: one good, one truncated, one random bytes, one empty.
        var archive = Directory.CreateDirectory(Path.Combine(_directory, "archive")).FullName;
        var good = await File.ReadAllBytesAsync(RepositoryPaths.SampleVideo("pets09_s2l1_vtest_480x360.mp4"));
        await File.WriteAllBytesAsync(Path.Combine(archive, "2026-11-20_1000.mp4"), good);
        await File.WriteAllBytesAsync(Path.Combine(archive, "2026-11-20_1002.mp4"), good[..(good.Length / 3)]);
        await File.WriteAllBytesAsync(Path.Combine(archive, "2026-11-20_1004.mp4"), Enumerable.Range(0, 50_000).Select(i => (byte)(i * 31)).ToArray());
        await File.WriteAllBytesAsync(Path.Combine(archive, "2026-11-20_1006.mp4"), []);
        var job = CliRunner.WriteJob(_directory, """
            [{ "id": "plaza", "timeZone": "Europe/London",
               "inputs": [{ "glob": "archive/*.mp4", "startFromName": "yyyy-MM-dd_HHmm" }],
               "lines": [{ "id": "walkway", "from": [300, 60], "to": [300, 260] }] }]
            """);

        var (exitCode, output) = await CliRunner.RunAsync("analyse", "--job", job, "--out", Output, "--analysis-fps", "2", "--progress", "off");

        // Each bad file is reported with its reason; none stops the others (an empty file is no recording: refused).
        Assert.Equal(ExitCodes.CompletedWithFailures, exitCode);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Output, "run.json")));
        var inputs = report.RootElement.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(["ok", "failed", "failed", "refused"], inputs.Select(i => i.GetProperty("status").GetString()));
        Assert.Contains("truncated or corrupt", inputs[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("cannot be opened as a video", inputs[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("2026-11-20_1006.mp4: is empty or is not a regular file", inputs[3].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("failed", output, StringComparison.Ordinal);

        // Only the good file's minutes are covered: the failed files are a gap, not zeros.
        var (_, coverage) = OutputReader.ReadCsv(Path.Combine(Output, "coverage.csv"));
        var bin = Assert.Single(coverage);
        Assert.Equal(79.5, double.Parse(bin[3], System.Globalization.CultureInfo.InvariantCulture), 1);
    }

    [Fact]
    public async Task Interrupting_a_run_leaves_no_output_logs_it_as_interrupted_and_exits_130()
    {
        var job = CliRunner.WriteJob(_directory, SampleCameras.OneByOne());
        using var interrupt = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        var (exitCode, _) = await CliRunner.RunAsync(interrupt.Token, "analyse", "--job", job, "--out", Output, "--progress", "off");

        Assert.Equal(ExitCodes.Interrupted, exitCode);
        Assert.Equal(["audit.jsonl"], Directory.EnumerateFileSystemEntries(Output).Select(Path.GetFileName)); // no statistics, partial or whole
        var events = File.ReadAllLines(Path.Combine(Output, "audit.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("entry").GetProperty("event").GetString());
        Assert.Equal(["started", "interrupted"], events);
    }

    [Fact]
    public async Task A_real_sigint_stops_the_process_cleanly_and_is_audited()
    {
        // The in-process test above cancels a token; this one sends the signal an operator's Ctrl-C sends.
        var job = CliRunner.WriteJob(_directory, SampleCameras.OneByOne());
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "analytics.dll"), "analyse", "--job", job, "--out", Output,
                "--progress", "off", "--settle-seconds", "0", "--models-dir", RepositoryPaths.ModelsDirectory,
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var auditLog = Path.Combine(Output, "audit.jsonl");
        for (var waited = 0; !File.Exists(auditLog) && waited < 300; waited++)
        {
            await Task.Delay(100); // the run has started once its "started" entry is written
        }

        await Task.Delay(1000);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the process stops after SIGINT");
        Assert.Equal(ExitCodes.Interrupted, process.ExitCode);
        Assert.Contains("Interrupted", await stderr, StringComparison.Ordinal);
        Assert.Equal(["audit.jsonl"], Directory.EnumerateFileSystemEntries(Output).Select(Path.GetFileName));
        var events = File.ReadAllLines(auditLog).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("entry").GetProperty("event").GetString());
        Assert.Equal(["started", "interrupted"], events);
    }

    [Fact]
    public async Task A_model_outside_the_allow_list_is_an_asset_error()
    {
        var job = CliRunner.WriteJob(_directory, SampleCameras.OneByOne());

        var (exitCode, output) = await CliRunner.RunAsync("analyse", "--job", job, "--out", Output, "--model", "face-detector.onnx");

        Assert.Equal(ExitCodes.AssetError, exitCode);
        Assert.Contains("not in the allow-list", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_file_that_is_not_installed_is_an_asset_error_that_says_how_to_install_it()
    {
        var models = Directory.CreateDirectory(Path.Combine(_directory, "models")).FullName;
        File.Copy(RepositoryPaths.ModelManifest, Path.Combine(models, "models.json"));
        var job = CliRunner.WriteJob(_directory, SampleCameras.OneByOne());

        var (exitCode, output) = await CliRunner.RunAsync("analyse", "--job", job, "--out", Output, "--models-dir", models);

        Assert.Equal(ExitCodes.AssetError, exitCode);
        Assert.Contains("is missing", output, StringComparison.Ordinal);
        Assert.Contains("./analytics models install", output, StringComparison.Ordinal);
    }
}

using System.Globalization;
using System.Text.Json;
using Analytics.Runs.Jobs;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests;

/// <summary>How a run fails: early and completely for a bad job, file by file for bad inputs, cleanly when interrupted.</summary>
public sealed class RunFailureTests : IDisposable
{
    private readonly RunHarness _harness = new(WalkingScene.Every(TimeSpan.FromSeconds(5), SyntheticCameras.Morning.AddSeconds(1), count: 100));

    public void Dispose() => _harness.Dispose();

    private string Output => _harness.Folder["out"];

    [Fact]
    public async Task An_invalid_job_reports_every_problem_with_its_json_path_and_runs_nothing()
    {
        var job = _harness.Folder["job.json"];
        await File.WriteAllTextAsync(job, """
            {
              "purpose": "",
              "legalBasis": "Public-interest task",
              "controller": "Commune de Test-sur-Mer",
              "binMinutes": 7,
              "cameras": [{
                "id": "cam", "timeZone": "Mars/Olympus",
                "inputs": [{ "path": "rtsp://192.0.2.1/live", "start": "2026-11-20T10:00:00+01:00" }],
                "lines": [{ "id": "a", "from": [0, 0], "to": [0, 0] }, { "id": "b", "from": [1, 2, 3], "to": [5, 5] }]
              }]
            }
            """);

        var run = await _harness.RunAsync(_harness.Request(job));

        Assert.Equal(RunOutcome.InvalidRequest, run.Outcome);
        Assert.False(Directory.Exists(Output));
        Assert.Null(run.Detectors);
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
            Assert.Contains(run.Result.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
            Assert.Contains(expected, run.LogText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_stream_input_is_refused_as_not_deferred()
    {
        var job = JobFiles.Write(_harness.Folder.Path, """
            [{ "id": "cam", "timeZone": "Europe/Paris",
               "inputs": [{ "path": "rtsp://192.0.2.1/live", "start": "2026-11-20T10:00:00+01:00" }],
               "lines": [{ "id": "a", "from": [0, 0], "to": [10, 10] }] }]
            """);

        var run = await _harness.RunAsync(_harness.Request(job));

        Assert.Equal(RunOutcome.InvalidRequest, run.Outcome);
        Assert.Contains(run.Result.Problems, p => p.StartsWith("cameras[0].inputs[0].path: rtsp://192.0.2.1/live 'rtsp' is a stream, not a recorded file; analysis is deferred-only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_line_outside_the_real_frame_is_reported_with_its_path_and_nothing_runs()
    {
        var clip = SyntheticVideo.Write(_harness.Folder["plaza.mp4"], seconds: 2);
        var job = JobFiles.Write(_harness.Folder.Path, $$"""
            [{ "id": "plaza", "timeZone": "Europe/London",
               "inputs": [{ "path": "{{clip}}", "start": "2026-11-20T10:00:00+00:00" }],
               "lines": [{ "id": "ok", "from": [0, 20], "to": [160, 20] }, { "id": "off", "from": [0, 20], "to": [900, 20] }] }]
            """);

        var run = await _harness.RunAsync(_harness.Request(job));

        Assert.Equal(RunOutcome.InvalidRequest, run.Outcome);
        Assert.Equal(["cameras[0].lines[1].to: point (900, 20) is outside the 160x120 frame"], run.Result.Problems);
        Assert.Contains("cameras[0].lines[1].to: point (900, 20) is outside the 160x120 frame", run.LogText, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output));
        Assert.Equal(0, run.Detectors!.FramesDetected);
    }

    [Fact]
    public async Task A_folder_with_corrupt_files_still_yields_the_statistics_of_the_good_footage()
    {
        // Four recordings of one camera, two minutes apart: one good (20 s), one truncated, one random bytes, one empty.
        var good = SyntheticVideo.Write(_harness.Folder["archive/2026-11-20_1000.avi"], seconds: 20);
        SyntheticVideo.Truncate(good, _harness.Folder["archive/2026-11-20_1002.avi"], 1 / 3.0);
        await File.WriteAllBytesAsync(_harness.Folder["archive/2026-11-20_1004.avi"], Enumerable.Range(0, 50_000).Select(i => (byte)(i * 31)).ToArray());
        await File.WriteAllBytesAsync(_harness.Folder["archive/2026-11-20_1006.avi"], []);
        var job = JobFiles.Write(_harness.Folder.Path, """
            [{ "id": "plaza", "timeZone": "Europe/London",
               "inputs": [{ "glob": "archive/*.avi", "startFromName": "yyyy-MM-dd_HHmm" }],
               "lines": [{ "id": "walkway", "from": [80, 20], "to": [80, 120] }] }]
            """);

        var run = await _harness.RunAsync(_harness.Request(job, analysis: new AnalysisOptions { AnalysisFps = 2 }));

        // Each bad file is reported with its reason; none stops the others (an empty file is no recording: refused).
        Assert.Equal(RunOutcome.CompletedWithFailures, run.Outcome);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Output, "run.json")));
        var inputs = report.RootElement.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(["ok", "partial", "failed", "refused"], inputs.Select(i => i.GetProperty("status").GetString()));
        Assert.Contains("truncated or corrupt", inputs[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("decoded before it are counted, the rest of the file is a coverage gap", inputs[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("cannot be opened as a video", inputs[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("2026-11-20_1006.avi: is empty or is not a regular file", inputs[3].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("failed", run.LogText, StringComparison.Ordinal);
        Assert.Equal(3, run.Result.Problems.Count);

        // Only the footage decoded is covered: the failed files and the truncated file's missing end are a gap, not
        // zeros. The good file's 200 frames at 10 fps are analysed at 2 fps (0, 0.5 ... 19.5 s), each covering the half
        // second up to the next: 20 s; the truncated copy (a third of its bytes) adds the few seconds before its cut.
        var clean = inputs[1].GetProperty("analysed_seconds").GetDouble();
        Assert.InRange(clean, 3, 8);
        Assert.Equal(20.0, inputs[0].GetProperty("analysed_seconds").GetDouble(), 3);
        var coverage = File.ReadAllLines(Path.Combine(Output, "coverage.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var bin = Assert.Single(coverage);
        Assert.Equal(20.0 + clean, double.Parse(bin[3], CultureInfo.InvariantCulture), 3);
    }

    [Fact]
    public async Task Interrupting_a_run_leaves_no_output_and_records_it_as_interrupted()
    {
        var clip = SyntheticVideo.Write(_harness.Folder["room.mp4"], seconds: 20);
        var job = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.Room([(clip, SyntheticCameras.Morning)]));
        using var interrupt = new CancellationTokenSource();

        // Interrupted five seconds into the footage, as an operator's Ctrl-C would.
        var run = await _harness.RunAsync(
            _harness.Request(job),
            time =>
            {
                if (time.Position >= TimeSpan.FromSeconds(5))
                {
                    interrupt.Cancel();
                }
            },
            cancellationToken: interrupt.Token);

        Assert.Equal(RunOutcome.Interrupted, run.Outcome);
        Assert.Equal(["interrupted"], run.Result.Problems);
        Assert.Empty(Directory.Exists(Output) ? Directory.EnumerateFileSystemEntries(Output) : []); // no statistics, partial or whole
        var entries = File.ReadAllLines(_harness.AuditLog).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("entry").Clone()).ToList();
        Assert.Equal(["started", "interrupted"], entries.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal(RunHarness.CodeOf(RunOutcome.Interrupted), entries[1].GetProperty("exit_code").GetInt32());
        Assert.Contains("Interrupted: no statistics were written to", run.LogText, StringComparison.Ordinal);
    }
}

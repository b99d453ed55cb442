using System.Text.Json;
using Analytics.Runs.Jobs;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;
using Serilog.Events;

namespace Analytics.Runs.Tests.Pipeline;

/// <summary>
/// Footage and settings whose figures would look real but are not: a picture too small for anyone to be detected is
/// a failed input (its zeros are never written), and an analysis rate that misses quick crossings is warned about in
/// the log and in run.json.
/// </summary>
public sealed class DoubtfulFootageTests : IDisposable
{
    private readonly RunHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    /// <summary>Camera "tiny" over one recording of <paramref name="width"/>x<paramref name="height"/>, with a line across the middle of that frame.</summary>
    private string Job(string clip, int width, int height) => JobFiles.Write(_harness.Folder.Path, $$"""
        [{ "id": "tiny", "timeZone": "Europe/Paris",
           "inputs": [{ "path": "{{clip}}", "start": "{{SyntheticCameras.Iso(SyntheticCameras.Morning)}}" }],
           "lines": [{ "id": "middle", "from": [{{width / 2}}, 0], "to": [{{width / 2}}, {{height}}] }] }]
        """);

    public static TheoryData<int, int, bool> FrameSizes => new()
    {
        // width, height, too small to analyse?
        { 16, 16, true },
        { 160, 48, true },
        { 48, 120, true },
        { 64, 64, false },
    };

    [Theory]
    [MemberData(nameof(FrameSizes))]
    public async Task A_picture_too_small_for_anyone_to_be_detected_is_a_failed_input_not_zeros(int width, int height, bool tooSmall)
    {
        var clip = SyntheticVideo.Write(_harness.Folder[$"{width}x{height}.mp4"], seconds: 2, width: width, height: height);

        var run = await _harness.RunAsync(_harness.Request(Job(clip, width, height)));

        var input = Assert.Single(_harness.ReadInputs().Values);
        var coverage = File.ReadAllLines(_harness.Folder["out/coverage.csv"]).Skip(1).ToList();
        if (tooSmall)
        {
            Assert.Equal(RunOutcome.CompletedWithFailures, run.Outcome); // exit code 1
            Assert.Equal("failed", input.Status);
            Assert.Contains($"frames of {width}x{height} are too small for anyone to be detected (64 pixels a side at least)", input.Error, StringComparison.Ordinal);
            Assert.Empty(coverage); // no footage counted: a gap, never zeros that look real
            Assert.Equal(0, run.Detectors!.FramesDetected);
        }
        else
        {
            Assert.True(run.Outcome == RunOutcome.Succeeded, run.LogText);
            Assert.Equal(("ok", null), (input.Status, input.Error));
            Assert.Single(coverage);
        }
    }

    public static TheoryData<double, bool> AnalysisRates => new()
    {
        // frames per second analysed, warned about?
        { 1, true },
        { 4.5, true },
        { 5, false },
        { 10, false },
    };

    [Theory]
    [MemberData(nameof(AnalysisRates))]
    public async Task An_analysis_rate_below_5_fps_is_warned_about_in_the_log_and_in_run_json(double fps, bool warned)
    {
        var clip = SyntheticVideo.Write(_harness.Folder["room.mp4"], seconds: 4);
        var job = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.Room([(clip, SyntheticCameras.Morning)]));

        var run = await _harness.RunAsync(_harness.Request(job, analysis: new AnalysisOptions { AnalysisFps = fps }));

        Assert.True(run.Outcome == RunOutcome.Succeeded, run.LogText); // doubtful, not wrong: the run goes on
        var expected = FormattableString.Invariant($"analysis rate {fps} fps: people and cycles that cross a line or leave the picture within a fraction of a second are missed below 5 fps; the counts are doubtful");
        using var report = JsonDocument.Parse(File.ReadAllText(_harness.Folder["out/run.json"]));
        var warnings = report.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        var logged = run.Log.Events.Where(e => e.Level == LogEventLevel.Warning).Select(e => e.Message).ToList();
        if (warned)
        {
            Assert.Equal([expected], warnings);
            Assert.Contains(expected, logged);
        }
        else
        {
            Assert.Empty(warnings);
            Assert.DoesNotContain(logged, m => m.Contains("doubtful", StringComparison.Ordinal));
        }
    }
}

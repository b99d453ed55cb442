using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.State;

/// <summary>
/// The same content (SHA-256) never contributes twice to one camera's statistics: a copy under another name in one
/// run, or across nightly runs a renamed file whose start (read from its name) changed, is a duplicate, reported and
/// not counted again. And a bad input of one camera never stops the others.
/// </summary>
public sealed class DuplicateContentTests : IDisposable
{
    private readonly RunHarness _harness = new(WalkingScene.Every(TimeSpan.FromSeconds(7), SyntheticCameras.Morning.AddSeconds(1), count: 110));
    private readonly string _clip;

    public DuplicateContentTests()
    {
        _clip = SyntheticVideo.Write(_harness.Folder["clips/clip.mp4"], seconds: 20, shade: 3);
        Directory.CreateDirectory(Archive);
    }

    public void Dispose() => _harness.Dispose();

    private string Archive => _harness.Folder["archive"];

    private string Job() => JobFiles.Write(_harness.Folder.Path, SyntheticCameras.RoomGlob("archive/*.mp4"));

    private Task<HarnessRun> Analyse(string output, bool state) =>
        _harness.RunAsync(_harness.Request(Job(), output, withState: state, analysis: new AnalysisOptions { AnalysisFps = 3 }));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_copy_under_another_name_is_refused_as_a_duplicate_and_counted_once(bool state)
    {
        File.Copy(_clip, Path.Combine(Archive, "2026-11-20_1000.mp4"));
        Assert.Equal(RunOutcome.Succeeded, (await Analyse("alone", state: false)).Outcome);
        File.Copy(_clip, Path.Combine(Archive, "2026-11-20_1030.mp4"));

        var run = await Analyse("with-copy", state);

        Assert.Equal(RunOutcome.CompletedWithFailures, run.Outcome);
        var inputs = _harness.ReadInputs("with-copy");
        Assert.Equal("ok", inputs["2026-11-20_1000.mp4"].Status);
        Assert.Equal("refused", inputs["2026-11-20_1030.mp4"].Status);
        Assert.Contains("already counted for camera room: a copy is never counted twice", inputs["2026-11-20_1030.mp4"].Error, StringComparison.Ordinal);
        Assert.Equal(_harness.ReadDatasets("alone")["counts.csv"], _harness.ReadDatasets("with-copy")["counts.csv"]);
    }

    [Fact]
    public async Task A_recording_renamed_so_that_its_start_changed_is_not_counted_again_the_next_night()
    {
        File.Copy(_clip, Path.Combine(Archive, "2026-11-20_1000.mp4"));
        Assert.Equal(RunOutcome.Succeeded, (await Analyse("night-1", state: true)).Outcome);
        File.Move(Path.Combine(Archive, "2026-11-20_1000.mp4"), Path.Combine(Archive, "2026-11-20_1100.mp4"));

        var night = await Analyse("night-2", state: true);

        Assert.Equal(RunOutcome.CompletedWithFailures, night.Outcome);
        var inputs = _harness.ReadInputs("night-2");
        Assert.Equal("refused", inputs["2026-11-20_1100.mp4"].Status);
        Assert.Contains("already counted", inputs["2026-11-20_1100.mp4"].Error, StringComparison.Ordinal);
        Assert.Equal(_harness.ReadDatasets("night-1")["counts.csv"], _harness.ReadDatasets("night-2")["counts.csv"]);
    }

    [Fact]
    public async Task A_copy_that_first_appears_on_a_later_night_is_refused_as_a_duplicate_and_the_counts_are_unchanged()
    {
        File.Copy(_clip, Path.Combine(Archive, "2026-11-20_1000.mp4"));
        Assert.Equal(RunOutcome.Succeeded, (await Analyse("night-1", state: true)).Outcome);
        File.Copy(_clip, Path.Combine(Archive, "2026-11-20_1030.mp4")); // the recording stays; a copy of it arrives under another name

        var night = await Analyse("night-2", state: true);

        Assert.Equal(RunOutcome.CompletedWithFailures, night.Outcome);
        var inputs = _harness.ReadInputs("night-2");
        Assert.Equal(("ok", false), (inputs["2026-11-20_1000.mp4"].Status, inputs["2026-11-20_1000.mp4"].ThisRun));
        Assert.Equal("refused", inputs["2026-11-20_1030.mp4"].Status);
        Assert.Contains("already counted for camera room: a copy is never counted twice", inputs["2026-11-20_1030.mp4"].Error, StringComparison.Ordinal);
        Assert.Contains($"as {Path.Combine(Archive, "2026-11-20_1000.mp4")}", inputs["2026-11-20_1030.mp4"].Error, StringComparison.Ordinal);
        Assert.Equal(0, night.Detectors!.FramesDetected);
        Assert.Equal(_harness.ReadDatasets("night-1")["counts.csv"], _harness.ReadDatasets("night-2")["counts.csv"]);
        Assert.Equal(_harness.ReadDatasets("night-1")["coverage.csv"], _harness.ReadDatasets("night-2")["coverage.csv"]);
    }

    [Fact]
    public async Task A_camera_whose_glob_matches_nothing_is_reported_while_the_other_cameras_are_analysed()
    {
        File.Copy(_clip, Path.Combine(Archive, "2026-11-20_1000.mp4"));
        var job = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.RoomGlob("archive/*.mp4")[..^1].TrimEnd().TrimEnd(']') + """
            , { "id": "offline", "timeZone": "Europe/Paris",
                "inputs": [{ "glob": "offline/*.mp4", "startFromName": "yyyy-MM-dd_HHmm" }],
                "lines": [{ "id": "door", "from": [0, 60], "to": [160, 60] }] }]
            """, name: "two-cameras.json");

        var run = await _harness.RunAsync(_harness.Request(job, "out", analysis: new AnalysisOptions { AnalysisFps = 3 }));

        Assert.Equal(RunOutcome.CompletedWithFailures, run.Outcome);
        Assert.Equal("ok", _harness.ReadInputs("out")["2026-11-20_1000.mp4"].Status);
        Assert.Contains(run.Result.Analysis!.Files, f => f.CameraId == "offline" && f.Error!.Contains("matches no file", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("hard link")]
    [InlineData("symbolic link")]
    [InlineData("copy")]
    public async Task The_same_recording_in_a_second_camera_under_another_path_is_refused_there(string how)
    {
        // Camera "room" owns the recording; camera "porch" lists it again under another path.
        File.Copy(_clip, Path.Combine(Archive, "2026-11-20_1000.mp4"));
        var second = _harness.Folder["porch/2026-11-20_1000.mp4"];
        Directory.CreateDirectory(Path.GetDirectoryName(second)!);
        switch (how)
        {
            case "hard link":
                Assert.Equal(0, Link(Path.Combine(Archive, "2026-11-20_1000.mp4"), second));
                break;
            case "symbolic link":
                File.CreateSymbolicLink(second, Path.Combine(Archive, "2026-11-20_1000.mp4"));
                break;
            default:
                File.Copy(_clip, second);
                break;
        }

        var job = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.RoomGlob("archive/*.mp4")[..^1].TrimEnd().TrimEnd(']') + """
            , { "id": "porch", "timeZone": "Europe/Paris",
                "inputs": [{ "glob": "porch/*.mp4", "startFromName": "yyyy-MM-dd_HHmm" }],
                "lines": [{ "id": "door", "from": [0, 60], "to": [160, 60] }] }]
            """, name: "two-cameras.json");

        var run = await _harness.RunAsync(_harness.Request(job, "out", analysis: new AnalysisOptions { AnalysisFps = 3 }));

        Assert.Equal(RunOutcome.CompletedWithFailures, run.Outcome);
        var files = run.Result.Analysis!.Files;
        Assert.Equal(InputStatus.Analysed, Assert.Single(files, f => f.CameraId == "room").Status);
        var refused = Assert.Single(files, f => f.CameraId == "porch");
        Assert.Equal(InputStatus.Refused, refused.Status);
        Assert.Contains("an input of camera room: one recording belongs to one camera", refused.Error, StringComparison.Ordinal);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string existing, string created);
}

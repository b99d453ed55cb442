using Analytics.Runs.Jobs;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.State;

/// <summary>
/// The nightly job over a growing archive: each run analyses only what is new, and the dataset it writes equals
/// the dataset of one run over everything analysed so far, without duplicates and without losing what left the disk.
/// Two synthetic recordings (20 s and 30 s, different content) of a room where someone walks out across the exit line
/// every 7 s; the detectors are scripted, so every difference between datasets comes from the run, not the model.
/// </summary>
public sealed class IncrementalRunTests : IDisposable
{
    private readonly RunHarness _harness = new(WalkingScene.Every(TimeSpan.FromSeconds(7), SyntheticCameras.Morning.AddSeconds(1), count: 110));
    private readonly string _short;
    private readonly string _long;

    public IncrementalRunTests()
    {
        _short = SyntheticVideo.Write(_harness.Folder["clips/short.mp4"], seconds: 20, shade: 1);
        _long = SyntheticVideo.Write(_harness.Folder["clips/long.mp4"], seconds: 30, shade: 2);
        Directory.CreateDirectory(Archive);
    }

    public void Dispose() => _harness.Dispose();

    private string Archive => _harness.Folder["archive"];

    /// <summary>Camera "room" over the archive's recordings, named by their start time.</summary>
    private string Job(int lineX = 80, string purpose = "Statistical count of visitors (test)")
    {
        var path = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.RoomGlob("archive/*.mp4", lineX), name: $"job-{lineX}-{purpose.Length}.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("Statistical count of visitors (test)", purpose, StringComparison.Ordinal));
        return path;
    }

    private void Record(string clip, string name) => File.Copy(clip, Path.Combine(Archive, name), overwrite: true);

    private Task<HarnessRun> Analyse(string job, string output, bool state = true, float threshold = 0.35f, bool reanalyse = false) =>
        _harness.RunAsync(_harness.Request(job, output, withState: state, analysis: new AnalysisOptions { AnalysisFps = 3, Threshold = threshold }) with { Reanalyse = reanalyse });

    private Dictionary<string, string> Read(string output) => _harness.ReadDatasets(output).ToDictionary(d => d.Key, d => System.Text.Encoding.UTF8.GetString(d.Value));

    private List<(string Path, bool ThisRun)> Inputs(string output) => _harness.ReadInputList(output).Select(i => (i.Name, i.Input.ThisRun)).ToList();

    [Fact]
    public async Task Each_night_analyses_only_the_new_recordings_and_the_dataset_equals_one_run_over_all_of_them()
    {
        var job = Job();
        Record(_short, "2026-11-20_1000.mp4");
        Assert.Equal(RunOutcome.Succeeded, (await Analyse(job, "nightly")).Outcome);
        Assert.Equal([("2026-11-20_1000.mp4", true)], Inputs("nightly"));

        // The next night: a new recording. Only it is analysed (30 s at 3 fps: 90 frames); the earlier one is taken from the state.
        Record(_long, "2026-11-20_1005.mp4");
        var night = await Analyse(job, "nightly");
        Assert.Equal(RunOutcome.Succeeded, night.Outcome);
        Assert.Equal([("2026-11-20_1000.mp4", false), ("2026-11-20_1005.mp4", true)], Inputs("nightly"));
        Assert.DoesNotContain("2026-11-20_1000.mp4", night.LogText, StringComparison.Ordinal);
        Assert.Equal(90, night.Detectors!.FramesDetected);

        // The same dataset as one run, without state, over both recordings.
        Assert.Equal(RunOutcome.Succeeded, (await Analyse(job, "all-at-once", state: false)).Outcome);
        Assert.Equal(Read("all-at-once"), Read("nightly"));
        Assert.Contains(Read("nightly")["counts.csv"].Split('\n'), row => row.Split(',') is [_, _, "leaving", "pedestrian", _, _, _, var count, _, _, _, _] && count != "0");

        // A night with nothing new analyses nothing and changes nothing.
        night = await Analyse(job, "nightly");
        Assert.Equal(RunOutcome.Succeeded, night.Outcome);
        Assert.All(Inputs("nightly"), i => Assert.False(i.ThisRun));
        Assert.Equal(0, night.Detectors!.FramesDetected);
        Assert.Equal(Read("all-at-once"), Read("nightly"));

        // The oldest recording is erased (retention) and a copy is kept under a name the job does not match: nothing is dropped, nothing counted twice.
        File.Delete(Path.Combine(Archive, "2026-11-20_1000.mp4"));
        Record(_short, "2026-11-20_1000.mp4.bak");
        Assert.Equal(RunOutcome.Succeeded, (await Analyse(job, "nightly")).Outcome);
        Assert.Equal(Read("all-at-once"), Read("nightly"));
    }

    [Fact]
    public async Task A_recording_whose_content_changed_is_analysed_again_and_replaces_its_earlier_statistics()
    {
        var job = Job();
        Record(_short, "2026-11-20_1000.mp4");
        Assert.Equal(RunOutcome.Succeeded, (await Analyse(job, "nightly")).Outcome);

        Record(_long, "2026-11-20_1000.mp4");
        File.SetLastWriteTimeUtc(Path.Combine(Archive, "2026-11-20_1000.mp4"), DateTime.UtcNow.AddMinutes(-5));
        var night = await Analyse(job, "nightly");

        Assert.Equal(RunOutcome.Succeeded, night.Outcome);
        Assert.Contains("changed since it was analysed", night.LogText, StringComparison.Ordinal);
        Assert.Equal([("2026-11-20_1000.mp4", true)], Inputs("nightly"));
        Assert.Equal(RunOutcome.Succeeded, (await Analyse(job, "fresh", state: false)).Outcome);
        Assert.Equal(Read("fresh"), Read("nightly"));
    }

    [Fact]
    public async Task A_changed_line_is_reported_and_never_mixed_with_old_results_until_reanalysis_is_asked_for()
    {
        Record(_short, "2026-11-20_1000.mp4");
        Assert.Equal(RunOutcome.Succeeded, (await Analyse(Job(), "nightly")).Outcome);
        var before = Read("nightly");

        var moved = Job(lineX: 60);
        var night = await Analyse(moved, "nightly");

        Assert.Equal((RunOutcome.StateMismatch, RunAdvice.Reanalyse), (night.Outcome, night.Result.Advice));
        var problem = Assert.Single(night.Result.Problems);
        Assert.Contains("camera room: 1 input(s) in the state were analysed with other settings (lines [exit (80,120)-(80,30) leaving/arriving h3]", problem, StringComparison.Ordinal);
        Assert.Contains("-> [exit (60,120)-(60,30) leaving/arriving h3]", problem, StringComparison.Ordinal);
        Assert.Contains(problem, night.LogText, StringComparison.Ordinal);
        Assert.Equal(before, Read("nightly"));

        // Other settings are part of the analysis too.
        night = await Analyse(Job(), "nightly", threshold: 0.5f);
        Assert.Equal((RunOutcome.StateMismatch, RunAdvice.Reanalyse), (night.Outcome, night.Result.Advice));
        Assert.Contains("threshold 0.35 -> 0.5", Assert.Single(night.Result.Problems), StringComparison.Ordinal);

        Assert.Equal(RunOutcome.Succeeded, (await Analyse(moved, "nightly", reanalyse: true)).Outcome);
        Assert.Equal(RunOutcome.Succeeded, (await Analyse(moved, "fresh", state: false)).Outcome);
        Assert.Equal(Read("fresh"), Read("nightly"));
        Assert.Single(Directory.EnumerateDirectories(Path.Combine(_harness.State, "retired")));

        // From then on the new line is the state's: no further reanalysis needed.
        Assert.Equal(RunOutcome.Succeeded, (await Analyse(moved, "nightly")).Outcome);
    }

    [Fact]
    public async Task A_state_serves_the_purpose_it_was_built_for_only()
    {
        Record(_short, "2026-11-20_1000.mp4");
        Assert.Equal(RunOutcome.Succeeded, (await Analyse(Job(), "nightly")).Outcome);

        var other = await Analyse(Job(purpose: "Statistical count of cars (test)"), "other");

        Assert.Equal((RunOutcome.StateMismatch, RunAdvice.None), (other.Outcome, other.Result.Advice));
        Assert.Contains("Data collected for one purpose is not reused for another", Assert.Single(other.Result.Problems), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_harness.Folder["other"]));
    }
}

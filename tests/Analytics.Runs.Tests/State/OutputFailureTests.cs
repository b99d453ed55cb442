using Analytics.Runs.Jobs;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.State;

/// <summary>
/// When the outputs or the state cannot be written the run fails with a clear message and OutputNotWritable, and the
/// previous dataset stays exactly as it was. The folders are made read-only for this process (<see cref="ReadOnlyFolder"/>);
/// a full disk, which only a small file system of its own can show, is an end-to-end test of the command line.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class OutputFailureTests : IDisposable
{
    private readonly RunHarness _harness = new(WalkingScene.Every(TimeSpan.FromSeconds(6), SyntheticCameras.Morning.AddSeconds(2), count: 60));
    private readonly string _first;
    private readonly string _second;

    public OutputFailureTests()
    {
        _first = SyntheticVideo.Write(_harness.Folder["clips/first.mp4"], seconds: 12, shade: 1);
        _second = SyntheticVideo.Write(_harness.Folder["clips/second.mp4"], seconds: 12, shade: 2);
    }

    public void Dispose() => _harness.Dispose();

    private string Output => _harness.Folder["out"];

    private string JobWith(params string[] clips) => JobFiles.Write(_harness.Folder.Path, SyntheticCameras.Room(
        clips.Select((clip, i) => (clip, SyntheticCameras.Morning.AddMinutes(5 * i)))));

    private Task<HarnessRun> Analyse(string job) => _harness.RunAsync(_harness.Request(job, withState: true, analysis: new AnalysisOptions { AnalysisFps = 3 }));

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public async Task A_read_only_output_folder_fails_clearly_keeps_the_previous_dataset_and_loses_no_analysis()
    {
        Assert.Equal(RunOutcome.Succeeded, (await Analyse(JobWith(_first))).Outcome);
        var before = Snapshot(Output);

        // A new recording arrives, but the output folder is read-only for this run.
        var second = JobWith(_first, _second);
        HarnessRun run;
        using (new ReadOnlyFolder(Output))
        {
            run = await Analyse(second);
        }

        Assert.Equal(RunOutcome.OutputNotWritable, run.Outcome);
        var problem = Assert.Single(run.Result.Problems);
        Assert.StartsWith($"Writing the outputs to {Output} failed: ", problem, StringComparison.Ordinal);
        Assert.Contains("is denied", problem, StringComparison.Ordinal); // the system's reason, as given
        Assert.Contains(problem, run.LogText, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(Output));

        // The analysis was kept in the state: once the folder is writable, the next run only writes the outputs.
        run = await Analyse(second);
        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Contains("0 input(s) analysed in this run, 2 taken as analysed earlier", run.LogText, StringComparison.Ordinal);
        Assert.Equal(0, run.Detectors!.FramesDetected);
        Assert.NotEqual(before["counts.csv"], Snapshot(Output)["counts.csv"]);
    }

    [Fact]
    public async Task A_state_that_cannot_be_written_any_more_during_a_file_stops_the_run_at_its_next_checkpoint()
    {
        // A minute of footage: far more frames than the pipeline holds in flight after the failure.
        var job = JobWith(SyntheticVideo.Write(_harness.Folder["clips/long.mp4"], seconds: 60, shade: 3));
        ReadOnlyFolder? readOnly = null;
        var lockedOnce = 0;
        void LockStateHalfway(Vision.Video.FrameTime time)
        {
            if (time.Position >= TimeSpan.FromSeconds(7) && Interlocked.Exchange(ref lockedOnce, 1) == 0)
            {
                readOnly = new ReadOnlyFolder(Path.Combine(_harness.State, "analyses"));
            }
        }

        HarnessRun run;
        try
        {
            // 6-second checkpoint windows: the first, whose tracking ends 9 s in, cannot be saved.
            run = await _harness.RunAsync(_harness.Request(job, withState: true, analysis: new AnalysisOptions { AnalysisFps = 3, CheckpointMinutes = 0.1 }), LockStateHalfway);
        }
        finally
        {
            readOnly?.Dispose();
        }

        // Tracking stopped on the failed write; decoding and detection, blocked behind it, stopped with it.
        Assert.Equal(RunOutcome.OutputNotWritable, run.Outcome);
        Assert.Contains("cannot be written", Assert.Single(run.Result.Problems), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Output, "counts.csv")));
    }

    [Fact]
    public async Task A_read_only_state_folder_stops_the_run_before_anything_is_analysed()
    {
        var job = JobWith(_first);
        Assert.Equal(RunOutcome.Succeeded, (await Analyse(job)).Outcome);
        var before = Snapshot(Output);

        HarnessRun run;
        using (new ReadOnlyFolder(_harness.State))
        {
            run = await Analyse(job);
        }

        Assert.Equal(RunOutcome.OutputNotWritable, run.Outcome);
        var problem = Assert.Single(run.Result.Problems);
        Assert.StartsWith($"State folder {_harness.State} cannot be written: ", problem, StringComparison.Ordinal);
        Assert.Contains("is denied", problem, StringComparison.Ordinal);
        Assert.EndsWith("nothing was analysed", problem, StringComparison.Ordinal);
        Assert.Null(run.Detectors); // it stopped before the detectors were even loaded
        Assert.Equal(before, Snapshot(Output));
    }
}

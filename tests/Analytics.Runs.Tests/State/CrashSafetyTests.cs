using Analytics.Runs.Jobs;
using Analytics.Runs.State;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;
using Analytics.Vision.Video;

namespace Analytics.Runs.Tests.State;

/// <summary>
/// A nightly run interrupted at any point of its work, then run again, gives byte for byte the statistics of a run
/// that was never interrupted; and runs on one state never overlap. Here the run is cancelled at a checkpoint (its
/// token, as on SIGINT); the command-line tests kill a real process with <c>kill -9</c> once, for what only a crash
/// leaves behind (the lock's owner file, half-written temporary files).
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private static readonly DateTimeOffset SecondStart = SyntheticCameras.Morning.AddMinutes(5);

    /// <summary>Someone crosses every 5 s, so that crossings and zone visits straddle the 6-second checkpoint windows.</summary>
    private readonly RunHarness _harness = new(WalkingScene.Every(TimeSpan.FromSeconds(5), SyntheticCameras.Morning.AddSeconds(1), count: 130));

    public void Dispose() => _harness.Dispose();

    /// <summary>Two 30-second recordings of one camera (the second a copy, five minutes later), two lines and a zone.</summary>
    private string Job()
    {
        // Two recordings (of different content: the same content would count once, as a duplicate).
        var first = SyntheticVideo.Write(_harness.Folder["plaza.mp4"], seconds: 30);
        var second = SyntheticVideo.Write(_harness.Folder["plaza-2.mp4"], seconds: 30, shade: 1);
        return JobFiles.Write(_harness.Folder.Path, $$"""
            [{ "id": "plaza", "timeZone": "Europe/Paris",
               "inputs": [{ "path": "{{first}}", "start": "{{SyntheticCameras.Iso(SyntheticCameras.Morning)}}" },
                          { "path": "{{second}}", "start": "{{SyntheticCameras.Iso(SecondStart)}}" }],
               "lines": [{ "id": "middle", "from": [80, 0], "to": [80, 120] }, { "id": "path", "from": [0, 100], "to": [160, 100] }],
               "zones": [{ "id": "centre", "polygon": [[40, 30], [120, 30], [120, 110], [40, 110]] }] }]
            """);
    }

    /// <summary>4 fps in checkpoint windows of 6 s (0.1 min): five windows per file, each tracked 3 s beyond its edges.</summary>
    private RunRequest Analyse(string job, string output, bool state = true) =>
        _harness.Request(job, output, withState: state, analysis: new AnalysisOptions { AnalysisFps = 4, CheckpointMinutes = 0.1 });

    /// <summary>The input records of the state folder as they are on disk now.</summary>
    private List<InputRecord> Records()
    {
        var analyses = Path.Combine(_harness.State, "analyses");
        return Directory.Exists(analyses) ? Directory.EnumerateDirectories(analyses).SelectMany(StateStore.Records).ToList() : [];
    }

    /// <summary>
    /// Cancels the run once a frame at <paramref name="at"/> comes to detection and <paramref name="reached"/> holds. The
    /// frames before it do not wait, and the tracking that checkpoints a window only needs those: it gets there.
    /// </summary>
    private static Action<FrameTime> CancelWhen(CancellationTokenSource cancel, Func<FrameTime, bool> at, Func<bool> reached) => time =>
    {
        if (cancel.IsCancellationRequested || !at(time))
        {
            return;
        }

        for (var waited = 0; !reached(); waited++)
        {
            Assert.True(waited < 3000, "the run never got to the point");
            Thread.Sleep(10);
        }

        cancel.Cancel();
    };

    private static bool InFirstFile(FrameTime time, double seconds) => time.Timestamp < SecondStart && time.Position >= TimeSpan.FromSeconds(seconds);

    private static bool InSecondFile(FrameTime time, double seconds) => time.Timestamp >= SecondStart && time.Position >= TimeSpan.FromSeconds(seconds);

    public static TheoryData<string> InterruptionPoints => new()
    {
        "before anything is checkpointed",
        "after the first checkpoint window of the first file",
        "once the first file is complete",
        "two windows into the second file",
        "once both files are complete (while the outputs are written)",
    };

    [Theory]
    [MemberData(nameof(InterruptionPoints))]
    public async Task Interrupted_at_any_point_then_run_again_gives_exactly_the_uninterrupted_statistics(string point)
    {
        var job = Job();
        Assert.Equal(RunOutcome.Succeeded, (await _harness.RunAsync(Analyse(job, "reference", state: false))).Outcome);
        using var cancel = new CancellationTokenSource();
        var progress = new CollectingProgress
        {
            // Both files analysed and recorded: what is left is writing the outputs.
            OnFinished = (name, _) =>
            {
                if (point.Contains("outputs", StringComparison.Ordinal) && name == "plaza-2.mp4")
                {
                    cancel.Cancel();
                }
            },
        };
        Action<FrameTime>? hook = point switch
        {
            "before anything is checkpointed" => CancelWhen(cancel, _ => true, () => true),
            "after the first checkpoint window of the first file" => CancelWhen(cancel, t => InFirstFile(t, 10), () => Records().Any(r => r.WindowsDone >= 1)),
            "once the first file is complete" => CancelWhen(cancel, t => InSecondFile(t, 0), () => Records().Any(r => r.Complete)),
            "two windows into the second file" => CancelWhen(cancel, t => InSecondFile(t, 16), () => Records() is var records && records.Any(r => r.Complete) && records.Any(r => !r.Complete && r.WindowsDone >= 2)),
            _ => null,
        };

        var interrupted = await _harness.RunAsync(Analyse(job, "out"), hook, progress: progress, cancellationToken: cancel.Token);

        Assert.Equal(RunOutcome.Interrupted, interrupted.Outcome);
        Assert.False(File.Exists(_harness.Folder["out/run.json"]), "interrupted before it wrote its outputs");
        var rerun = await _harness.RunAsync(Analyse(job, "out"));

        Assert.Equal(RunOutcome.Succeeded, rerun.Outcome);
        if (point.Contains("window", StringComparison.Ordinal))
        {
            Assert.Contains("resuming after the", rerun.LogText, StringComparison.Ordinal);
        }

        var expected = _harness.ReadDatasets("reference");
        var actual = _harness.ReadDatasets("out");
        Assert.All(RunHarness.Datasets, d => Assert.True(expected[d].AsSpan().SequenceEqual(actual[d]), $"{d} differs from the uninterrupted run's"));
        Assert.Equal(2, Records().Count(r => r.Complete));
        Assert.Empty(Directory.EnumerateFiles(_harness.State, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(_harness.Folder["out"], "*.tmp"));
    }

    [Fact]
    public async Task Interrupted_again_while_resuming_still_gives_exactly_the_uninterrupted_statistics()
    {
        var job = Job();
        Assert.Equal(RunOutcome.Succeeded, (await _harness.RunAsync(Analyse(job, "reference", state: false))).Outcome);

        // Interrupted after the first window, then again three windows in while resuming.
        var resumed = new List<HarnessRun>();
        foreach (var (windows, position) in new[] { (1, 10.0), (3, 22.0) })
        {
            using var cancel = new CancellationTokenSource();
            var run = await _harness.RunAsync(Analyse(job, "out"), CancelWhen(cancel, t => InFirstFile(t, position), () => Records().Any(r => r.WindowsDone >= windows)), cancellationToken: cancel.Token);
            Assert.Equal(RunOutcome.Interrupted, run.Outcome);
            resumed.Add(run);
        }

        var last = await _harness.RunAsync(Analyse(job, "out"));

        Assert.Equal(RunOutcome.Succeeded, last.Outcome);
        Assert.Contains("resuming after the 1 checkpoint window(s)", resumed[1].LogText, StringComparison.Ordinal);
        Assert.Contains("resuming after the 3 checkpoint window(s)", last.LogText, StringComparison.Ordinal);
        var expected = _harness.ReadDatasets("reference");
        var actual = _harness.ReadDatasets("out");
        Assert.All(RunHarness.Datasets, d => Assert.True(expected[d].AsSpan().SequenceEqual(actual[d]), $"{d} differs from the uninterrupted run's"));
    }

    [Fact]
    public async Task A_second_run_on_the_same_state_returns_at_once_without_touching_anything()
    {
        var job = Job();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        HarnessRun second;
        using (StateLock.Acquire(_harness.State))
        {
            second = await _harness.RunAsync(Analyse(job, "out-2"));
        }

        Assert.Equal(RunOutcome.StateLocked, second.Outcome);
        Assert.Contains($"is in use by another run (process {Environment.ProcessId} on {Environment.MachineName}", Assert.Single(second.Result.Problems), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "it does not wait for the lock");
        Assert.Null(second.Detectors);
        Assert.False(Directory.Exists(_harness.Folder["out-2"]));
    }

    [Fact]
    public void A_state_folder_removed_under_a_run_releases_its_lock_without_an_error()
    {
        var held = StateLock.Acquire(_harness.State);
        Directory.Delete(_harness.State, recursive: true); // the lock's owner note can no longer be deleted

        held.Dispose();

        Directory.CreateDirectory(_harness.State);
        using var next = StateLock.Acquire(_harness.State); // and the lock is free again
        Assert.Null(next.StaleOwner);
    }

    [Fact]
    public async Task The_owner_file_a_crashed_run_left_does_not_block_the_next_which_says_so_and_removes_it()
    {
        var job = Job();
        Directory.CreateDirectory(_harness.State);
        var owner = Path.Combine(_harness.State, "lock.owner");
        await File.WriteAllTextAsync(owner, "process 4242 on night-host, started 2026-11-21T02:00:00.0000000+01:00");

        var run = await _harness.RunAsync(Analyse(job, "out"));

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Contains("ended without finishing (crash, kill or reboot)", run.LogText, StringComparison.Ordinal);
        Assert.Contains("(process 4242 on night-host, started 2026-11-21T02:00:00.0000000+01:00)", run.LogText, StringComparison.Ordinal);
        Assert.False(File.Exists(owner), "a run that finishes releases the lock");
    }
}

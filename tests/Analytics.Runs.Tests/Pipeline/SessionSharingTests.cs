using Analytics.Runs.Jobs;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.Pipeline;

/// <summary>
/// The inference sessions are lent frame by frame to the files in flight: once the other files of a run are done,
/// the last one keeps every session busy instead of its worker's share of them.
/// </summary>
public sealed class SessionSharingTests : IDisposable
{
    private readonly RunHarness _harness = new(WalkingScene.Every(TimeSpan.FromSeconds(3), SyntheticCameras.Morning.AddSeconds(1), count: 130));

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task The_last_file_in_flight_is_detected_on_every_session()
    {
        var longStart = SyntheticCameras.Morning.AddMinutes(2);
        var inputs = new[]
        {
            (SyntheticVideo.Write(_harness.Folder["room-0.mp4"], seconds: 2, shade: 0), SyntheticCameras.Morning),
            (SyntheticVideo.Write(_harness.Folder["room-1.mp4"], seconds: 20, shade: 1), longStart),
        };
        var job = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.Room(inputs));
        var most = 0;
        ScriptedDetectorPool? pool = null;
        var scene = _harness.Scene;

        // Two files at a time over two sessions. The short file (20 frames) is long done when the long one reaches its
        // tenth second: from there, each detection of the long file takes a while, and counts how many run at once.
        var run = await _harness.RunAsync(
            _harness.Request(job, analysis: new AnalysisOptions { AnalysisFps = 10 }, workers: 2),
            loadDetectors: _ => pool = new ScriptedDetectorPool(scene.At, sessions: 2)
            {
                BeforeDetect = time =>
                {
                    if (time.Timestamp >= longStart.AddSeconds(10))
                    {
                        var now = pool!.DetectingNow;
                        int seen;
                        while (now > (seen = Volatile.Read(ref most)) && Interlocked.CompareExchange(ref most, now, seen) != seen)
                        {
                        }

                        Thread.Sleep(20);
                    }
                },
            });

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(2, most); // with the sessions shared out once per worker, it would be 1: the other session waited
    }
}

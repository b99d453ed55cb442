using Analytics.Runs.Jobs;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.Pipeline;

/// <summary>
/// The same inputs give byte-identical CSV, run after run, however the work is shared out: detectors finish frames
/// out of order and files run side by side, and the tracker must still see each file's frames in order.
/// </summary>
public sealed class DeterminismTests : IDisposable
{
    private readonly RunHarness _harness = new(WalkingScene.Every(TimeSpan.FromSeconds(3), SyntheticCameras.Morning.AddSeconds(1), count: 130));

    public void Dispose() => _harness.Dispose();

    /// <summary>Sessions of the scripted pool and files analysed side by side (the reference run has one session, one file at a time).</summary>
    public static TheoryData<int, int> Sharing => new()
    {
        { 4, 1 },
        { 4, 2 },
        { 3, 3 },
    };

    [Theory]
    [MemberData(nameof(Sharing))]
    public async Task Running_again_over_the_same_inputs_gives_byte_identical_csv(int sessions, int workers)
    {
        var inputs = Enumerable.Range(0, 3)
            .Select(i => (SyntheticVideo.Write(_harness.Folder[$"room-{i}.mp4"], seconds: 20, shade: i), SyntheticCameras.Morning.AddMinutes(2 * i)))
            .ToList();
        var job = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.Room(inputs, withZone: true));
        var analysis = new AnalysisOptions { AnalysisFps = 10 };

        _harness.Sessions = 1;
        var reference = await _harness.RunAsync(_harness.Request(job, "reference", analysis: analysis));
        _harness.Sessions = sessions;
        var first = await _harness.RunAsync(_harness.Request(job, "first", analysis: analysis, workers: workers));
        var again = await _harness.RunAsync(_harness.Request(job, "again", analysis: analysis, workers: workers));

        Assert.Equal([RunOutcome.Succeeded, RunOutcome.Succeeded, RunOutcome.Succeeded], new[] { reference.Outcome, first.Outcome, again.Outcome });
        Assert.Equal(_harness.ReadDatasets("reference"), _harness.ReadDatasets("first"));
        Assert.Equal(_harness.ReadDatasets("first"), _harness.ReadDatasets("again"));

        // Not a trivial dataset: in each 20-second file the walkers who start 1, 4 ... 16 s in cross the line 2 s later,
        // six per file; the next crosses after the file ends, and one crossing at a file's very first frame is not yet
        // a confirmed track.
        Assert.Contains(
            "room,exit,leaving,pedestrian,,2026-11-20T10:00:00+01:00,2026-11-20T10:15:00+01:00,18,false,2026-11-20T10:00:00,60,60.0",
            File.ReadAllLines(_harness.Folder["first/counts.csv"]));
    }
}

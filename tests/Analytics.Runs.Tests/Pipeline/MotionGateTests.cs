using System.Text.Json;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Runs.Jobs;
using Analytics.Runs.State;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;
using Analytics.Vision.Video;
using OpenCvSharp;

namespace Analytics.Runs.Tests.Pipeline;

/// <summary>
/// The motion gate in the pipeline, with scripted detectors over clips whose pictures move exactly where the script's
/// objects are: frames in which nothing moved skip inference, and the statistics are those of detecting every frame
/// (people crossing, someone standing in a zone); at least one frame a second is detected; a file resumed from a
/// checkpoint decides as a run from its start; run.json and the analysis key say the gate was on.
/// </summary>
public sealed class MotionGateTests : IDisposable
{
    private static readonly DateTimeOffset Start = SyntheticCameras.Morning;

    /// <summary>Six walkers, one every 10 s from 3 s in: 4 s each across the room, 6 s of an empty, still room between them.</summary>
    private static readonly WalkingScene Walkers = WalkingScene.Every(TimeSpan.FromSeconds(10), Start.AddSeconds(3), count: 6);

    private readonly RunHarness _harness = new(Walkers);

    public void Dispose() => _harness.Dispose();

    private static AnalysisOptions Analysis(MotionGateMode gate, double checkpointMinutes = 10) =>
        new() { AnalysisFps = 10, MotionGate = gate, CheckpointMinutes = checkpointMinutes };

    /// <summary>The boxes <paramref name="script"/> finds at each position of a clip that starts at <see cref="Start"/>, to draw into its frames.</summary>
    private static Func<double, IEnumerable<Rect>> Drawn(Func<FrameTime, IEnumerable<DetectedObject>> script) => seconds =>
        script(new FrameTime(0, TimeSpan.FromSeconds(seconds), Start.AddSeconds(seconds)))
            .Select(o => new Rect((int)MathF.Round(o.Box.Left), (int)MathF.Round(o.Box.Top), (int)MathF.Round(o.Box.Width), (int)MathF.Round(o.Box.Height)));

    /// <summary>A job over one clip of the <see cref="Walkers"/> (60 s), the exit line at x = 80 and the table zone.</summary>
    private string WalkersJob(double seconds = 60)
    {
        var clip = SyntheticVideo.WriteScene(_harness.Folder["room.mp4"], seconds, Drawn(Walkers.At));
        return JobFiles.Write(_harness.Folder.Path, SyntheticCameras.Room([(clip, Start)], withZone: true));
    }

    private JsonElement Report(string output) => JsonDocument.Parse(File.ReadAllText(Path.Combine(_harness.Folder[output], "run.json"))).RootElement;

    [Fact]
    public async Task Walkers_crossing_a_still_room_are_counted_as_when_every_frame_is_detected_with_most_frames_between_them_skipped()
    {
        var job = WalkersJob();

        var off = await _harness.RunAsync(_harness.Request(job, "off", analysis: Analysis(MotionGateMode.Off)));
        var on = await _harness.RunAsync(_harness.Request(job, "on", analysis: Analysis(MotionGateMode.On)));

        Assert.Equal((RunOutcome.Succeeded, RunOutcome.Succeeded), (off.Outcome, on.Outcome));
        var expected = _harness.ReadDatasets("off");
        var actual = _harness.ReadDatasets("on");
        Assert.All(RunHarness.Datasets, d => Assert.True(expected[d].AsSpan().SequenceEqual(actual[d]), $"{d} differs from detecting every frame"));
        Assert.Contains(File.ReadAllLines(_harness.Folder["on/counts.csv"]), row => row.StartsWith("room,exit,leaving,pedestrian,,2026-11-20T10:00:00+01:00,2026-11-20T10:15:00+01:00,6,false,", StringComparison.Ordinal));

        // Between walkers the room is empty and still for 6 s, of which the tracks' ending and the gate's lag keep about
        // 3 s detected; the first 3 s are the warm-up second, then still. One frame a second is detected whatever happens.
        var input = Report("on").GetProperty("inputs")[0];
        var skipped = input.GetProperty("frames_skipped").GetInt64();
        Assert.Equal(600, input.GetProperty("frames_analysed").GetInt64());
        Assert.InRange(skipped, 120, 270);
        Assert.Equal(600 - skipped, on.Detectors!.FramesDetected);
        Assert.Equal(skipped, Report("on").GetProperty("totals").GetProperty("frames_skipped").GetInt64());
        Assert.Equal("on", Report("on").GetProperty("settings").GetProperty("motion_gate").GetString());

        Assert.Equal(600, off.Detectors!.FramesDetected);
        Assert.Equal(0, Report("off").GetProperty("inputs")[0].GetProperty("frames_skipped").GetInt64());
        Assert.Equal("off", Report("off").GetProperty("settings").GetProperty("motion_gate").GetString());
    }

    [Fact]
    public async Task The_frames_skipped_and_the_statistics_are_the_same_however_the_work_is_shared_out()
    {
        var job = WalkersJob(seconds: 30);

        _harness.Sessions = 1;
        var alone = await _harness.RunAsync(_harness.Request(job, "alone", analysis: Analysis(MotionGateMode.On)));
        _harness.Sessions = 4;
        var shared = await _harness.RunAsync(_harness.Request(job, "shared", analysis: Analysis(MotionGateMode.On)));

        Assert.Equal((RunOutcome.Succeeded, RunOutcome.Succeeded), (alone.Outcome, shared.Outcome));
        Assert.Equal(alone.Detectors!.FramesDetected, shared.Detectors!.FramesDetected);
        Assert.Equal(alone.Result.Analysis!.Files.Single().FramesSkipped, shared.Result.Analysis!.Files.Single().FramesSkipped);
        Assert.Equal(_harness.ReadDatasets("alone"), _harness.ReadDatasets("shared"));
    }

    [Fact]
    public async Task Someone_standing_in_a_zone_of_a_still_room_stays_counted_with_one_detection_a_second()
    {
        // Feet at (100, 100), in the table zone and 70 pixels from the exit line (moved to x = 30).
        var box = new Box(94, 70, 106, 100);
        IEnumerable<DetectedObject> Standing(FrameTime time) => [new DetectedObject(box, 0.9f, ObjectClass.Pedestrian)];
        var clip = SyntheticVideo.WriteScene(_harness.Folder["standing.mp4"], 30, Drawn(Standing));
        var job = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.Room([(clip, Start)], lineX: 30, withZone: true));
        var detectors = (Func<RunRequest, Vision.Detection.IDetectorPool>)(_ => new ScriptedDetectorPool(Standing));

        var off = await _harness.RunAsync(_harness.Request(job, "off", analysis: Analysis(MotionGateMode.Off)), loadDetectors: detectors);
        var pool = new ScriptedDetectorPool(Standing);
        var on = await _harness.RunAsync(_harness.Request(job, "on", analysis: Analysis(MotionGateMode.On)), loadDetectors: _ => pool);

        Assert.Equal((RunOutcome.Succeeded, RunOutcome.Succeeded), (off.Outcome, on.Outcome));
        Assert.Equal(File.ReadAllText(_harness.Folder["off/occupancy.csv"]), File.ReadAllText(_harness.Folder["on/occupancy.csv"]));
        Assert.Contains(",1.0,1,", File.ReadAllText(_harness.Folder["on/occupancy.csv"]), StringComparison.Ordinal); // mean 1, maximum 1 over the bin

        // The warm-up second (frames 0 to 0.9 s), then one frame a second (1.9 s to 29.9 s): 10 + 29.
        Assert.InRange(pool.FramesDetected, 39, 41);
        Assert.Equal(300 - pool.FramesDetected, Report("on").GetProperty("inputs")[0].GetProperty("frames_skipped").GetInt64());
    }

    [Fact]
    public async Task A_file_resumed_from_a_checkpoint_with_the_gate_on_gives_exactly_the_uninterrupted_statistics()
    {
        var job = WalkersJob(seconds: 45);
        var analysis = Analysis(MotionGateMode.On, checkpointMinutes: 0.25); // 15-second windows, tracked 7.5 s beyond their edges
        var reference = await _harness.RunAsync(_harness.Request(job, "reference", analysis: analysis));
        Assert.Equal(RunOutcome.Succeeded, reference.Outcome);
        Assert.True(Report("reference").GetProperty("totals").GetProperty("frames_skipped").GetInt64() > 0);

        // Stopped once the first window is checkpointed (its tracking ends at 22.5 s) and a frame 25 s in comes to
        // detection (there is one every second).
        using var cancel = new CancellationTokenSource();
        void StopAfterFirstWindow(FrameTime time)
        {
            if (cancel.IsCancellationRequested || time.Position < TimeSpan.FromSeconds(25))
            {
                return;
            }

            for (var waited = 0; !Records().Any(r => r.WindowsDone >= 1); waited++)
            {
                Assert.True(waited < 3000, "the first window was never checkpointed");
                Thread.Sleep(10);
            }

            cancel.Cancel();
        }

        var interrupted = await _harness.RunAsync(_harness.Request(job, "out", withState: true, analysis: analysis), StopAfterFirstWindow, cancellationToken: cancel.Token);
        var resumed = await _harness.RunAsync(_harness.Request(job, "out", withState: true, analysis: analysis));

        Assert.Equal((RunOutcome.Interrupted, RunOutcome.Succeeded), (interrupted.Outcome, resumed.Outcome));
        Assert.Contains("resuming after the 1 checkpoint window(s)", resumed.LogText, StringComparison.Ordinal);
        var expected = _harness.ReadDatasets("reference");
        var actual = _harness.ReadDatasets("out");
        Assert.All(RunHarness.Datasets, d => Assert.True(expected[d].AsSpan().SequenceEqual(actual[d]), $"{d} differs from the uninterrupted run's"));
    }

    [Fact]
    public async Task A_state_analysed_without_the_gate_is_never_mixed_with_results_of_the_gate()
    {
        var job = WalkersJob(seconds: 10);
        Assert.Equal(RunOutcome.Succeeded, (await _harness.RunAsync(_harness.Request(job, "out", withState: true, analysis: Analysis(MotionGateMode.Off)))).Outcome);

        var changed = await _harness.RunAsync(_harness.Request(job, "out", withState: true, analysis: Analysis(MotionGateMode.On)));
        var reanalysed = await _harness.RunAsync(_harness.Request(job, "out", withState: true, analysis: Analysis(MotionGateMode.On)) with { Reanalyse = true });

        Assert.Equal(RunOutcome.StateMismatch, changed.Outcome);
        Assert.Contains("motion gate off -> on", Assert.Single(changed.Result.Problems), StringComparison.Ordinal);
        Assert.Equal(RunOutcome.Succeeded, reanalysed.Outcome);
        Assert.True(reanalysed.Result.Analysis!.Files.Single().FramesAnalysed > 0, "analysed again, with the gate");
    }

    private List<InputRecord> Records()
    {
        var analyses = Path.Combine(_harness.State, "analyses");
        return Directory.Exists(analyses) ? Directory.EnumerateDirectories(analyses).SelectMany(StateStore.Records).ToList() : [];
    }
}

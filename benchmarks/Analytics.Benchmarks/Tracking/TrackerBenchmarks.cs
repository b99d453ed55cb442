using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Core.Tracking;
using BenchmarkDotNet.Attributes;

namespace Analytics.Benchmarks.Tracking;

/// <summary>
/// One tracker update (prediction, two-stage association, lifecycle) and one counting step with 50 objects walking
/// in a grid, at 10 fps, across two lines and a zone: the per-frame cost of Tracking + Counting in a crowded scene.
/// </summary>
[MemoryDiagnoser]
public class TrackerBenchmarks
{
    private const int Objects = 50;
    private const int WarmFrames = 20;

    private readonly List<TrackObservation> _observations = new(Objects);
    private readonly List<EndedTrack> _ended = [];
    private DetectedObject[][] _frames = [];
    private ByteTracker _tracker = null!;
    private FileCounter _counter = null!;
    private int _frame;
    private DateTimeOffset _time;

    [GlobalSetup]
    public void Setup()
    {
        // 1000 frames of 50 pedestrians on a 10x5 grid, each walking right at 30 px/s with a little vertical drift.
        _frames = new DetectedObject[1000 + WarmFrames][];
        for (var f = 0; f < _frames.Length; f++)
        {
            _frames[f] = new DetectedObject[Objects];
            for (var i = 0; i < Objects; i++)
            {
                var x = 20 + ((i % 10) * 70) + (f * 3f % 700);
                var y = 60 + ((i / 10) * 80) + (MathF.Sin((f + i) * 0.1f) * 2);
                _frames[f][i] = new DetectedObject(new Box(x - 10, y - 50, x + 10, y), 0.5f + (i % 5 * 0.1f), ObjectClass.Pedestrian);
            }
        }

        var camera = new CameraLayout(
            "bench",
            [new CountingLine("a", new Point2(300, 0), new Point2(300, 480)), new CountingLine("b", new Point2(0, 200), new Point2(800, 200))],
            [new CountingZone("z", new Polygon([new Point2(100, 100), new Point2(500, 100), new Point2(500, 400), new Point2(100, 400)]))]);
        _tracker = new ByteTracker(new TrackerOptions());
        _counter = new FileCounter(camera);
        _time = DateTimeOffset.UnixEpoch;
        for (_frame = 0; _frame < WarmFrames; _frame++)
        {
            Step();
        }
    }

    [Benchmark]
    public int UpdateWith50Objects()
    {
        Step();
        if (++_frame == _frames.Length)
        {
            _frame = WarmFrames; // the scene wraps; tracks carry on
        }

        return _observations.Count;
    }

    private void Step()
    {
        _time += TimeSpan.FromSeconds(0.1);
        _tracker.Update(_time, _frames[_frame], _observations, _ended);
        _counter.AddFrame(_time, _observations, _ended);
    }
}

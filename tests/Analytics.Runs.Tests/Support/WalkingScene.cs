using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Vision.Video;

namespace Analytics.Runs.Tests.Support;

/// <summary>
/// A scripted scene on the wall clock, for the 160x120 synthetic clips: people who walk straight across the frame,
/// left to right and a little uphill (their feet from (10, 110) to (150, 70) in 4 s), each starting at a given time. Being a function of the time of day, not of the file, the same
/// scene plays in every recording of it, at whatever time the recording covers.
/// </summary>
internal sealed class WalkingScene
{
    /// <summary>Where the walkers' feet (box bottom-centre) start and end, and how long the walk takes.</summary>
    public static readonly (Point2 From, Point2 To) Path = (new Point2(10, 110), new Point2(150, 70));

    public static readonly TimeSpan WalkDuration = TimeSpan.FromSeconds(4);

    private readonly DateTimeOffset[] _starts;

    public WalkingScene(params DateTimeOffset[] starts)
    {
        _starts = starts;
    }

    /// <summary>No one: every frame is empty.</summary>
    public static WalkingScene Empty { get; } = new();

    /// <summary>A walker every <paramref name="every"/> from <paramref name="first"/>, <paramref name="count"/> in all.</summary>
    public static WalkingScene Every(TimeSpan every, DateTimeOffset first, int count) =>
        new(Enumerable.Range(0, count).Select(i => first + (i * every)).ToArray());

    /// <summary>The pedestrians visible at <paramref name="time"/>: 12x30 boxes scored 0.9 (well above every threshold a run may use).</summary>
    public IEnumerable<DetectedObject> At(FrameTime time)
    {
        foreach (var start in _starts)
        {
            var elapsed = time.Timestamp - start;
            if (elapsed < TimeSpan.Zero || elapsed > WalkDuration)
            {
                continue;
            }

            var f = (float)(elapsed / WalkDuration);
            var x = Path.From.X + ((Path.To.X - Path.From.X) * f);
            var y = Path.From.Y + ((Path.To.Y - Path.From.Y) * f);
            yield return new DetectedObject(new Box(x - 6, y - 30, x + 6, y), 0.9f, ObjectClass.Pedestrian);
        }
    }
}

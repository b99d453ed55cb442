using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Tracking;

namespace Analytics.Runs.Pipeline;

/// <summary>
/// Whether the tracked objects of a frame keep the motion gate open, whatever the picture difference says: a confirmed
/// track whose anchor moved more than <see cref="MovingHeights"/> of its height over its last <see cref="Settle"/> (an
/// object moving too little or too small for the picture difference), or one whose anchor is within its height of a
/// counting line (where a crossing is decided: never on carried detections). A track standing still away from the
/// lines, a tentative track (often a detector's flicker) and a track the detector lost do not: an object that moves
/// changes the picture. One per checkpoint window's tracker (ids restart with it). Motion only, in memory, dropped with
/// the window: never a trajectory.
/// </summary>
internal sealed class TrackActivity(IReadOnlyList<CountingLine> lines)
{
    /// <summary>The period over which a track's motion is measured.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <summary>Motion over <see cref="Settle"/>, in box heights, above which a track is moving (a walker covers about 0.8 height a second).</summary>
    public const float MovingHeights = 0.25f;

    private readonly Dictionary<int, Anchor> _tracks = [];
    private readonly List<int> _gone = [];

    /// <summary>Forgets every track: a new tracker starts (a new checkpoint window).</summary>
    public void Reset() => _tracks.Clear();

    /// <summary>Whether the tracker's frame at <paramref name="time"/>, with its <paramref name="observations"/> (the tracks it matched), is busy.</summary>
    public bool Busy(DateTimeOffset time, IReadOnlyList<TrackObservation> observations)
    {
        var busy = false;
        foreach (var observation in observations)
        {
            if (!observation.IsConfirmed)
            {
                continue;
            }

            var at = observation.Anchor;
            var height = observation.Box.Height;
            if (!_tracks.TryGetValue(observation.TrackId, out var anchor))
            {
                anchor = new Anchor(at, time, Moving: false);
            }
            else if (time - anchor.Since >= Settle)
            {
                anchor = new Anchor(at, time, Moving: Distance(at, anchor.Position) > MovingHeights * height);
            }

            _tracks[observation.TrackId] = anchor with { LastSeen = time };
            busy |= anchor.Moving || NearLine(at, height);
        }

        // A track not matched in this frame starts afresh if it is matched again.
        _gone.Clear();
        foreach (var (id, anchor) in _tracks)
        {
            if (anchor.LastSeen != time)
            {
                _gone.Add(id);
            }
        }

        _gone.ForEach(id => _tracks.Remove(id));
        return busy;
    }

    private bool NearLine(Point2 anchor, float height)
    {
        foreach (var line in lines)
        {
            if (DistanceToSegment(anchor, line.From, line.To) <= Math.Max(height, line.Hysteresis))
            {
                return true;
            }
        }

        return false;
    }

    private static float Distance(Point2 a, Point2 b) => MathF.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    private static float DistanceToSegment(Point2 point, Point2 from, Point2 to)
    {
        var dx = to.X - from.X;
        var dy = to.Y - from.Y;
        var squared = (dx * dx) + (dy * dy);
        var t = squared <= 0f ? 0f : Math.Clamp((((point.X - from.X) * dx) + ((point.Y - from.Y) * dy)) / squared, 0f, 1f);
        return Distance(point, new Point2(from.X + (t * dx), from.Y + (t * dy)));
    }

    /// <summary>Where a track's motion is measured from (its anchor at <see cref="Since"/>), and whether it moved over its last period.</summary>
    private readonly record struct Anchor(Point2 Position, DateTimeOffset Since, bool Moving)
    {
        public DateTimeOffset LastSeen { get; init; }
    }
}

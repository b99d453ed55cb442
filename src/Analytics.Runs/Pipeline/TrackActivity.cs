using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Tracking;

namespace Analytics.Runs.Pipeline;

/// <summary>
/// Whether the tracked objects of a frame keep the motion gate open, whatever the picture difference says: a track
/// the detector lost in this frame (it may be moving where the difference does not see it), a track not yet confirmed
/// or first seen less than <see cref="Settle"/> ago, one whose anchor moved more than <see cref="MovingHeights"/> of
/// its height over its last <see cref="Settle"/>, or one whose anchor is within its height of a counting line (where a
/// crossing is decided: never on carried detections). One per checkpoint window's tracker (ids restart with it). Motion
/// only, in memory, dropped with the window: never a trajectory.
/// </summary>
internal sealed class TrackActivity(IReadOnlyList<CountingLine> lines)
{
    /// <summary>How long a new track stays active, and the period over which a track's motion is measured.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <summary>Motion over <see cref="Settle"/>, in box heights, above which a track is moving (a walker covers about 0.8 height a second).</summary>
    public const float MovingHeights = 0.25f;

    private readonly Dictionary<int, Anchor> _tracks = [];
    private readonly List<int> _gone = [];

    /// <summary>Forgets every track: a new tracker starts (a new checkpoint window).</summary>
    public void Reset() => _tracks.Clear();

    /// <summary>
    /// Whether the tracker's frame at <paramref name="time"/> is busy: its <paramref name="observations"/> (the
    /// tracks it matched), out of <paramref name="liveTracks"/> tracks alive.
    /// </summary>
    public bool Busy(DateTimeOffset time, IReadOnlyList<TrackObservation> observations, int liveTracks)
    {
        var busy = liveTracks > observations.Count;
        foreach (var observation in observations)
        {
            var at = observation.Anchor;
            var height = observation.Box.Height;
            if (!_tracks.TryGetValue(observation.TrackId, out var anchor))
            {
                anchor = new Anchor(at, time, time, Moving: false);
            }
            else if (time - anchor.Since >= Settle)
            {
                anchor = anchor with { Position = at, Since = time, Moving = Distance(at, anchor.Position) > MovingHeights * height };
            }

            anchor = anchor with { LastSeen = time };
            _tracks[observation.TrackId] = anchor;
            busy |= !observation.IsConfirmed || time - anchor.FirstSeen < Settle || anchor.Moving || NearLine(at, height);
        }

        // A track not matched in this frame starts afresh if it is seen again (lost meanwhile: it may have moved).
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
    private readonly record struct Anchor(Point2 Position, DateTimeOffset Since, DateTimeOffset FirstSeen, bool Moving)
    {
        public DateTimeOffset LastSeen { get; init; }
    }
}

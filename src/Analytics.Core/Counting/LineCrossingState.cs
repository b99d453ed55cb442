using Analytics.Core.Geometry;

namespace Analytics.Core.Counting;

/// <summary>
/// Where one track stands with respect to one line, and the rule that turns its anchor's moves into crossings:
/// <list type="number">
/// <item>The track's side is <i>settled</i> once its anchor is at least the line's hysteresis away from it.</item>
/// <item>A move whose path meets the segment, ending on (or past) the line away from the settled side, makes a
/// crossing <i>pending</i>, timed where the path met the segment.</item>
/// <item>The crossing counts when the anchor then settles on the other side; it is withdrawn if the anchor
/// settles back where it came from (jitter). Settling on the other side without meeting the segment (walking
/// round its end) moves the settled side without counting.</item>
/// </list>
/// So a crossing counts once per passage, an object crossing back later counts again, and a box straddling the
/// line counts only once its anchor is clear of it.
/// </summary>
public struct LineCrossingState
{
    private sbyte _settled;
    private sbyte _pending;
    private DateTimeOffset _pendingTime;

    /// <summary>
    /// Feeds the anchor's move from <paramref name="previous"/> (null for a track's first observation) to
    /// <paramref name="current"/>. Returns true when a crossing is counted, with its direction and time.
    /// </summary>
    public bool Advance(CountingLine line, (Point2 Anchor, DateTimeOffset Time)? previous, Point2 current, DateTimeOffset time, out CrossingDirection direction, out DateTimeOffset crossingTime)
    {
        ArgumentNullException.ThrowIfNull(line);
        direction = default;
        crossingTime = default;
        var distance = line.SignedDistance(current);
        var side = (sbyte)(MathF.Abs(distance) >= line.Hysteresis ? MathF.Sign(distance) : 0);

        if (_settled != 0 && _pending == 0 && previous is { } from && MathF.Sign(distance) != _settled && line.Intersects(from.Anchor, current, out var along))
        {
            // Timed when the anchor first reached the line; lingering on it does not move the time.
            _pending = (sbyte)-_settled;
            _pendingTime = from.Time + ((time - from.Time) * along);
        }

        if (side == 0)
        {
            return false;
        }

        if (_settled == 0)
        {
            _settled = side;
            return false;
        }

        if (_pending != 0 && side == _pending)
        {
            direction = _settled < 0 ? CrossingDirection.Forward : CrossingDirection.Backward;
            crossingTime = _pendingTime;
            _settled = side;
            _pending = 0;
            return true;
        }

        if (side == _settled)
        {
            _pending = 0; // came back: jitter, not a crossing
        }
        else
        {
            _settled = side; // reached the other side round the end of the segment
        }

        return false;
    }
}

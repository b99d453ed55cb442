using Analytics.Core.Counting;

namespace Analytics.Runs.Validation;

/// <summary>
/// Line crossings of annotated tracks, by the counting contract's geometry: the anchor is the bottom-centre of the
/// box; a track crosses a line when its anchor changes side between two consecutive annotated frames and that step
/// meets the segment itself (not the infinite line beside it); forward is from the left side to the right side
/// looking from the line's start to its end (y down).
/// </summary>
/// <remarks>
/// Annotations are the truth, so no hysteresis band is applied: a step that ends exactly on the line keeps the
/// side the track had, and the crossing is decided by the first step that leaves the line (it counts when the track
/// leaves on the other side and one of the steps since it left its side met the segment). Boxes marked not to be
/// considered are left out, so a step may span an occlusion. A track's class is the majority of its boxes' classes.
/// </remarks>
public static class TrackCrossings
{
    public static IReadOnlyList<TrackCrossing> Derive(IEnumerable<AnnotatedBox> boxes, IReadOnlyList<CountingLine> lines)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        ArgumentNullException.ThrowIfNull(lines);
        var crossings = new List<TrackCrossing>();
        foreach (var track in boxes.Where(b => b.Consider).GroupBy(b => b.TrackId).OrderBy(g => g.Key))
        {
            var path = track.OrderBy(b => b.Frame).ToList();
            var objectClass = MajorityClass(path);
            for (var l = 0; l < lines.Count; l++)
            {
                Follow(path, l, lines[l], objectClass, crossings);
            }
        }

        return crossings.OrderBy(c => c.ToFrame).ThenBy(c => c.FromFrame).ThenBy(c => c.Line).ThenBy(c => c.TrackId).ToList();
    }

    private static void Follow(List<AnnotatedBox> path, int lineIndex, CountingLine line, ClassKey objectClass, List<TrackCrossing> crossings)
    {
        var side = 0;                           // the side the anchor was last seen strictly on; 0 before that
        (int From, int To, float Along)? met = null; // the first step since then that met the segment
        for (var i = 0; i < path.Count; i++)
        {
            var anchor = path[i].Box.Anchor;
            if (i > 0 && met is null && line.Intersects(path[i - 1].Box.Anchor, anchor, out var along))
            {
                met = (path[i - 1].Frame, path[i].Frame, along);
            }

            var now = MathF.Sign(line.SignedDistance(anchor));
            if (now == 0)
            {
                continue; // on the line: the side is decided when the track leaves it
            }

            if (side != 0 && now != side && met is { } step)
            {
                crossings.Add(new TrackCrossing(lineIndex, side < 0 ? CrossingDirection.Forward : CrossingDirection.Backward, step.From, step.To, step.Along, objectClass, path[i].TrackId));
            }

            side = now;
            met = null;
        }
    }

    private static ClassKey MajorityClass(List<AnnotatedBox> path) =>
        path.GroupBy(b => b.Class).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Class).ThenBy(g => g.Key.Kind).First().Key;
}

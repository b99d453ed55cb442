using System.Globalization;
using Analytics.Core.Counting;
using Analytics.Core.Geometry;

namespace Analytics.CountingAccuracy;

/// <summary>
/// Annotated tracks in MOTChallenge format (<c>frame,id,left,top,width,height,consider,...</c>, frame 1-based) and the
/// line crossings they imply: a track crosses a segment between two consecutive annotated frames when its bottom-centre
/// changes side and the step meets the segment. Rows with consider = 0 (heavily occluded) are ignored.
/// </summary>
internal static class TruthTracks
{
    public static Dictionary<int, List<(int Frame, Point2 Anchor)>> Read(string file)
    {
        var tracks = new Dictionary<int, List<(int, Point2)>>();
        foreach (var line in File.ReadLines(file))
        {
            var f = line.Split(',');
            if (f.Length < 7 || f[6].Trim() == "0")
            {
                continue;
            }

            var id = int.Parse(f[1], CultureInfo.InvariantCulture);
            float V(int i) => float.Parse(f[i], CultureInfo.InvariantCulture);
            var anchor = new Point2(V(2) + (V(4) / 2), V(3) + V(5));
            if (!tracks.TryGetValue(id, out var track))
            {
                tracks[id] = track = [];
            }

            track.Add((int.Parse(f[0], CultureInfo.InvariantCulture), anchor));
        }

        foreach (var track in tracks.Values)
        {
            track.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        }

        return tracks;
    }

    /// <summary>Every crossing of <paramref name="line"/>: track, frame (1-based, the second of the step), forward or not.</summary>
    public static List<(int Track, int Frame, bool Forward)> Events(Dictionary<int, List<(int Frame, Point2 Anchor)>> tracks, CountingLine line)
    {
        var events = new List<(int, int, bool)>();
        foreach (var (id, track) in tracks)
        {
            for (var i = 1; i < track.Count; i++)
            {
                var (a, b) = (track[i - 1].Anchor, track[i].Anchor);
                var (sa, sb) = (MathF.Sign(line.SignedDistance(a)), MathF.Sign(line.SignedDistance(b)));
                if (sa != 0 && sb != 0 && sa != sb && line.Intersects(a, b, out _))
                {
                    events.Add((id, track[i].Frame, sa < 0));
                }
            }
        }

        return events;
    }

    /// <summary>
    /// Whether every crossing of <paramref name="line"/> is clear: the anchor was at least 5 px on the side it came
    /// from within the 15 annotated frames before, and at least 5 px on the other side within the 15 after. A line where
    /// someone stands or turns is not clear: the sign-change rule would count the annotation's own jitter there.
    /// </summary>
    public static bool IsClear(Dictionary<int, List<(int Frame, Point2 Anchor)>> tracks, CountingLine line)
    {
        foreach (var track in tracks.Values)
        {
            for (var i = 1; i < track.Count; i++)
            {
                var (sa, sb) = (line.SignedDistance(track[i - 1].Anchor), line.SignedDistance(track[i].Anchor));
                if (MathF.Sign(sa) * MathF.Sign(sb) < 0 && line.Intersects(track[i - 1].Anchor, track[i].Anchor, out _))
                {
                    var side = MathF.Sign(sa);
                    var before = track.Skip(Math.Max(0, i - 15)).Take(i - Math.Max(0, i - 15)).Max(p => side * line.SignedDistance(p.Anchor));
                    var after = track.Skip(i).Take(15).Max(p => -side * line.SignedDistance(p.Anchor));
                    if (before < 5 || after < 5)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Every crossing of <paramref name="line"/> under the product's own rule (<see cref="LineCrossingState"/>), timed by frame.</summary>
    public static List<(int Track, int Frame, bool Forward)> SettledEvents(Dictionary<int, List<(int Frame, Point2 Anchor)>> tracks, CountingLine line)
    {
        var events = new List<(int, int, bool)>();
        var start = DetectionCache.RecordingStart;
        foreach (var (id, track) in tracks)
        {
            var state = default(LineCrossingState);
            (Point2, DateTimeOffset)? previous = null;
            foreach (var (frame, anchor) in track)
            {
                var time = start + TimeSpan.FromSeconds(frame / 10.0);
                if (state.Advance(line, previous, anchor, time, out var direction, out var at))
                {
                    events.Add((id, 1 + (int)Math.Round((at - start).TotalSeconds * 10), direction == CrossingDirection.Forward));
                }

                previous = (anchor, time);
            }
        }

        return events;
    }
}

using Analytics.Core.Objects;

namespace Analytics.Core.Tracking;

/// <summary>
/// The Tracking stage, ByteTrack-style, for one file: a Kalman constant-velocity motion model and two-stage
/// association by box overlap (IoU). High-score detections are matched first, to every confirmed track; low-score
/// detections then keep otherwise unmatched tracks alive through partial occlusion. New tracks are tentative until
/// confirmed; confirmed tracks missed for longer than the lost-track buffer end. Motion and overlap only: no
/// appearance feature is ever computed (that would be re-identification). Create one tracker per file and drop it
/// with the file: ids are never reused and never leave it.
/// </summary>
public sealed class ByteTracker
{
    /// <summary>Extra cost of matching a detection of another (compatible) class: prefer the same class on ties.</summary>
    private const double ClassChangePenalty = 0.05;

    /// <summary>Fastest plausible motion of an object, in its own heights per second (a cyclist or a car in town).</summary>
    private const double TentativeHeightsPerSecond = 3;

    private readonly TrackerOptions _options;
    private readonly List<Track> _tracks = [];
    private readonly LinearAssignment _assignment = new();
    private readonly List<Track> _pool = [];
    private readonly List<int> _detectionIndices = [];
    private readonly List<int> _unmatchedHigh = [];
    private readonly List<int> _low = [];
    private double[] _cost = new double[256];
    private int[] _rowToColumn = new int[64];
    private bool[] _matched = new bool[64];
    private DateTimeOffset? _lastTime;
    private int _nextId = 1;

    public ByteTracker(TrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _options = options;
    }

    /// <summary>Tracks currently alive (tentative, tracked or lost): for tests and diagnostics.</summary>
    public int LiveTrackCount => _tracks.Count;

    /// <summary>
    /// Advances to the frame at <paramref name="time"/> with its <paramref name="detections"/>. Fills
    /// <paramref name="observations"/> with the tracks matched in this frame (tentative ones included, flagged) and
    /// <paramref name="ended"/> with the tracks that ended: confirmed ones lost for longer than the buffer, and
    /// tentative ones dropped at their first miss. Both lists are cleared first.
    /// </summary>
    public void Update(DateTimeOffset time, ReadOnlySpan<DetectedObject> detections, List<TrackObservation> observations, List<EndedTrack> ended)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(ended);
        if (_lastTime is { } last && time < last)
        {
            throw new ArgumentException($"frame time {time:O} is before the previous frame's {last:O}", nameof(time));
        }

        _lastTime = time;
        observations.Clear();
        ended.Clear();
        EnsureCapacity(detections.Length);
        var matched = _matched.AsSpan(0, detections.Length);
        matched.Clear();

        foreach (var track in _tracks)
        {
            track.Predict(time);
        }

        // Split detections by score.
        _detectionIndices.Clear();
        _low.Clear();
        for (var d = 0; d < detections.Length; d++)
        {
            if (detections[d].Score >= _options.HighScoreThreshold)
            {
                _detectionIndices.Add(d);
            }
            else if (detections[d].Score >= _options.LowScoreThreshold)
            {
                _low.Add(d);
            }
        }

        // 1. High detections against every confirmed track (tracked or lost).
        SelectTracks(static t => t.IsConfirmed);
        Associate(detections, _detectionIndices, 1 - _options.HighMatchIoU, time, matched);

        // 2. Low detections against confirmed tracks that were tracked until now and are still unmatched.
        KeepUnmatchedTracked(time);
        Associate(detections, _low, 1 - _options.LowMatchIoU, time, matched);

        // 3. Tentative tracks against the high detections left.
        _unmatchedHigh.Clear();
        foreach (var d in _detectionIndices)
        {
            if (!matched[d])
            {
                _unmatchedHigh.Add(d);
            }
        }

        SelectTracks(static t => !t.IsConfirmed);
        Associate(detections, _unmatchedHigh, 1 - _options.TentativeMatchIoU, time, matched, tentative: true);

        // Confirm, lose, or drop.
        for (var i = _tracks.Count - 1; i >= 0; i--)
        {
            var track = _tracks[i];
            var seenNow = track.LastSeen == time;
            if (!track.IsConfirmed)
            {
                if (!seenNow)
                {
                    ended.Add(new EndedTrack(track.Id, track.Class, track.Kind, IsConfirmed: false));
                    _tracks.RemoveAt(i); // a tentative track missed once is noise
                }
                else if (track.Hits >= _options.ConfirmationHits)
                {
                    track.State = TrackState.Tracked;
                }
            }
            else if (seenNow)
            {
                track.State = TrackState.Tracked;
            }
            else if (time - track.LastSeen > _options.LostTrackBuffer)
            {
                ended.Add(new EndedTrack(track.Id, track.Class, track.Kind, IsConfirmed: true));
                _tracks.RemoveAt(i);
            }
            else
            {
                track.State = TrackState.Lost;
            }
        }

        // New tracks from high detections nobody claimed.
        foreach (var d in _unmatchedHigh)
        {
            if (!matched[d] && detections[d].Score >= _options.NewTrackThreshold)
            {
                var track = new Track(_nextId++, detections[d], time);
                if (_options.ConfirmationHits <= 1)
                {
                    track.State = TrackState.Tracked;
                }

                _tracks.Add(track);
            }
        }

        foreach (var track in _tracks)
        {
            if (track.LastSeen == time)
            {
                observations.Add(new TrackObservation(track.Id, track.Box, track.Class, track.Kind, track.IsConfirmed));
            }
        }

        ended.Reverse(); // removal ran backwards; report in creation order
    }

    /// <summary>Ends every track (the file is over) and reports them.</summary>
    public void Finish(List<EndedTrack> ended)
    {
        ArgumentNullException.ThrowIfNull(ended);
        ended.Clear();
        foreach (var track in _tracks)
        {
            ended.Add(new EndedTrack(track.Id, track.Class, track.Kind, track.IsConfirmed));
        }

        _tracks.Clear();
    }

    /// <summary>Whether a track of class <paramref name="track"/> may take a detection of class <paramref name="detection"/>.</summary>
    internal static bool Compatible(ObjectClass track, VehicleKind trackKind, ObjectClass detection, VehicleKind detectionKind)
    {
        if (track == detection)
        {
            return true; // includes vehicle sub-class flicker (car ↔ truck)
        }

        // A rider seen without their cycle (or a cycle whose rider was missed) flickers between the two;
        // a motorcycle may be taken for a bicycle. People never turn into cars.
        return (track, detection) switch
        {
            (ObjectClass.Pedestrian, ObjectClass.Cycle) or (ObjectClass.Cycle, ObjectClass.Pedestrian) => true,
            (ObjectClass.Cycle, ObjectClass.Vehicle) => detectionKind == VehicleKind.Motorcycle,
            (ObjectClass.Vehicle, ObjectClass.Cycle) => trackKind == VehicleKind.Motorcycle,
            _ => false,
        };
    }

    /// <summary>
    /// A tentative track has no velocity yet, so at a low analysis rate its second box may not overlap its first
    /// at all. It may also take a detection of similar size whose centre moved less than
    /// <see cref="TentativeHeightsPerSecond"/> box heights per second (plus half a height); such a pair costs
    /// between 0 and <paramref name="maxCost"/> in proportion to the distance.
    /// </summary>
    private static double TentativeMotionCost(in Geometry.Box previous, in Geometry.Box detection, double elapsedSeconds, double maxCost)
    {
        var height = Math.Max(previous.Height, detection.Height);
        var ratio = previous.Height / Math.Max(detection.Height, 1e-3f);
        if (ratio is < 0.5f or > 2f)
        {
            return double.PositiveInfinity;
        }

        var allowed = height * (0.5 + (TentativeHeightsPerSecond * elapsedSeconds));
        var dx = previous.CenterX - detection.CenterX;
        var dy = previous.CenterY - detection.CenterY;
        var distance = Math.Sqrt((dx * dx) + (dy * dy));
        return distance <= allowed ? maxCost * distance / allowed : double.PositiveInfinity;
    }

    private void SelectTracks(Func<Track, bool> predicate)
    {
        _pool.Clear();
        foreach (var track in _tracks)
        {
            if (predicate(track))
            {
                _pool.Add(track);
            }
        }
    }

    /// <summary>Keeps in the pool only the tracks that were tracked (not lost) and got no detection this frame.</summary>
    private void KeepUnmatchedTracked(DateTimeOffset time)
    {
        var kept = 0;
        for (var i = 0; i < _pool.Count; i++)
        {
            if (_pool[i].LastSeen != time && _pool[i].State == TrackState.Tracked)
            {
                _pool[kept++] = _pool[i];
            }
        }

        _pool.RemoveRange(kept, _pool.Count - kept);
    }

    private void Associate(ReadOnlySpan<DetectedObject> detections, List<int> detectionIndices, double maxCost, DateTimeOffset time, Span<bool> matched, bool tentative = false)
    {
        var rows = _pool.Count;
        var columns = detectionIndices.Count;
        if (rows == 0 || columns == 0)
        {
            return;
        }

        if (_cost.Length < rows * columns)
        {
            _cost = new double[Math.Max(rows * columns, _cost.Length * 2)];
        }

        if (_rowToColumn.Length < rows)
        {
            _rowToColumn = new int[Math.Max(rows, _rowToColumn.Length * 2)];
        }

        var cost = _cost.AsSpan(0, rows * columns);
        for (var r = 0; r < rows; r++)
        {
            var track = _pool[r];
            var predicted = track.Box;
            var trackClass = track.Class;
            var trackKind = track.Kind;
            var elapsed = (time - track.LastSeen).TotalSeconds;
            for (var c = 0; c < columns; c++)
            {
                var detection = detections[detectionIndices[c]];
                var overlapCost = 1.0 - predicted.IoU(detection.Box);
                if (tentative)
                {
                    overlapCost = Math.Min(overlapCost, TentativeMotionCost(predicted, detection.Box, elapsed, maxCost));
                }

                cost[(r * columns) + c] = !Compatible(trackClass, trackKind, detection.Class, detection.Kind)
                    ? double.PositiveInfinity
                    : overlapCost + (trackClass == detection.Class ? 0 : ClassChangePenalty);
            }
        }

        var rowToColumn = _rowToColumn.AsSpan(0, rows);
        _assignment.Solve(cost, rows, columns, maxCost, rowToColumn);
        for (var r = 0; r < rows; r++)
        {
            if (rowToColumn[r] >= 0)
            {
                var d = detectionIndices[rowToColumn[r]];
                _pool[r].Match(detections[d], time);
                matched[d] = true;
            }
        }
    }

    private void EnsureCapacity(int detections)
    {
        if (_matched.Length < detections)
        {
            _matched = new bool[Math.Max(detections, _matched.Length * 2)];
        }
    }
}

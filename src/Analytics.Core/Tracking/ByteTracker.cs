using Analytics.Core.Geometry;
using Analytics.Core.Objects;

namespace Analytics.Core.Tracking;

/// <summary>
/// The Tracking stage, ByteTrack-style, for one file: a Kalman constant-velocity motion model and two-stage association
/// by box overlap (IoU) between boxes of similar height (a box twice as tall is two people boxed as one). High-score
/// detections are matched first, to every confirmed track; low-score detections then keep otherwise unmatched tracks
/// alive through partial occlusion; a confirmed track seen in the previous frame that no box overlaps then takes a box
/// where its motion leads, if one is near enough (boxes stop overlapping at low analysis rates). A box round two
/// followed objects (one behind the other) goes only to the one whose feet bound it below. New tracks are tentative
/// until confirmed (seen on consecutive frames, one of them high); confirmed tracks missed for longer than the
/// lost-track buffer end. A weak (low-score) car, bus or truck detection may start a tentative track too: vehicles
/// cut by the frame's edge, far away or seen from above score low on every frame, yet are rigid objects whose boxes
/// agree from frame to frame; the track counts only once one of its detections is high. A bicycle or motorcycle box
/// left over on a person or two-wheeler matched in the frame is that object's (its class evidence), never a new object.
/// An ended track carries its class decided from its whole life (<see cref="ClassEvidence"/>). Motion and overlap
/// only: no appearance feature is ever computed (that would be re-identification). Create one tracker per file and drop
/// it with the file: ids are never reused and never leave it.
/// </summary>
public sealed class ByteTracker
{
    /// <summary>Extra cost of matching a detection of another (compatible) class: prefer the same class on ties.</summary>
    private const double ClassChangePenalty = 0.05;

    /// <summary>
    /// Fastest plausible motion of an object, in its own lengths per second (its box's longer side: a person's height,
    /// a car's length seen from the side): a runner, a cyclist or a car in town.
    /// </summary>
    private const double TentativeLengthsPerSecond = 3;

    /// <summary>
    /// Largest ratio between a track's predicted box height and a detection's that may be one object: a taller box is
    /// a group (two people, one in front of the other, boxed as one), a shorter one a part of the object.
    /// </summary>
    private const float MaxHeightChange = 2f;

    /// <summary>How far from its prediction a confirmed track's next box may lie, in the object's lengths per second unseen (besides half a length).</summary>
    private const double MotionMissLengthsPerSecond = 1;

    /// <summary>
    /// Two tracks whose predicted boxes overlap more than this are one object followed twice (a detector that boxes a
    /// person twice, or a part of them), not two objects a box could be drawn round.
    /// </summary>
    private const float GroupMemberMaxIoU = 0.5f;

    /// <summary>A weak vehicle detection lying this much (of its area) within a detection already matched in the frame is a part of that object.</summary>
    private const float PartOfMatchedShare = 0.5f;

    private readonly TrackerOptions _options;
    private readonly List<Track> _tracks = [];
    private readonly LinearAssignment _assignment = new();
    private readonly List<Track> _pool = [];
    private readonly List<int> _detectionIndices = [];
    private readonly List<int> _unmatchedHigh = [];
    private readonly List<int> _low = [];
    private readonly List<(Track Track, float IoU)> _overlapping = [];
    private Track?[] _groupOwner = new Track?[64];
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

        Array.Clear(_groupOwner);
        if (_options.SeparateGroupBoxes)
        {
            FindGroupBoxes(detections);
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

        // 2b. Confirmed tracks seen in the previous frame and still unmatched, against the high detections left, by
        //     where their motion leads rather than by overlap (at a low analysis rate, or while a person walks in from
        //     the frame's edge and their box widens, a box may no longer overlap the previous frame's).
        _unmatchedHigh.Clear();
        foreach (var d in _detectionIndices)
        {
            if (!matched[d])
            {
                _unmatchedHigh.Add(d);
            }
        }

        if (_options.MotionRecovery)
        {
            KeepUnmatchedTracked(time);
            Associate(detections, _unmatchedHigh, 1, time, matched, AssociationMode.Motion);
            KeepUnmatched(_unmatchedHigh, matched);
        }

        // 3. Tentative tracks against the high detections left.
        SelectTracks(static t => !t.IsConfirmed);
        Associate(detections, _unmatchedHigh, 1 - _options.TentativeMatchIoU, time, matched, AssociationMode.Tentative);

        // 3b. Tentative tracks still unmatched against the low detections left: a weak vehicle's second box, or a new
        //     track's object scoring low for a frame.
        KeepUnmatched(time);
        KeepUnmatched(_low, matched);
        Associate(detections, _low, 1 - _options.TentativeMatchIoU, time, matched, AssociationMode.Tentative);

        // 4. Two-wheelers left over on an object matched in this frame: the bicycle under a rider the detector also
        //    saw alone, or a second box of the other two-wheeler class on the same vehicle.
        AbsorbTwoWheelers(detections, time, matched);

        // Confirm, lose, or drop.
        for (var i = _tracks.Count - 1; i >= 0; i--)
        {
            var track = _tracks[i];
            var seenNow = track.LastSeen == time;
            if (!track.IsConfirmed)
            {
                if (!seenNow)
                {
                    ended.Add(Ended(track, isConfirmed: false));
                    _tracks.RemoveAt(i); // a tentative track missed once is noise
                }
                else if (track.Hits >= _options.ConfirmationHits && track.HasHighHit)
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
                ended.Add(Ended(track, isConfirmed: true));
                _tracks.RemoveAt(i);
            }
            else
            {
                track.State = TrackState.Lost;
            }
        }

        // New tracks from high detections nobody claimed, and from weak vehicle detections that are not a part of an
        // object already matched (a low box on a car's bonnet).
        foreach (var d in _unmatchedHigh)
        {
            if (!matched[d] && detections[d].Score >= _options.NewTrackThreshold)
            {
                var track = new Track(_nextId++, detections[d], time, isHigh: true);
                if (_options.ConfirmationHits <= 1)
                {
                    track.State = TrackState.Tracked;
                }

                _tracks.Add(track);
            }
        }

        foreach (var d in _low)
        {
            if (!matched[d] && IsFourWheeler(detections[d]) && !IsPartOfMatched(detections, d, matched))
            {
                _tracks.Add(new Track(_nextId++, detections[d], time, isHigh: false));
            }
        }

        foreach (var track in _tracks)
        {
            track.CloseFrame(time);
            if (track.LastSeen == time)
            {
                observations.Add(new TrackObservation(track.Id, track.Box, track.Class, track.Kind, track.IsConfirmed, track.LastDetection));
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
            ended.Add(Ended(track, track.IsConfirmed));
        }

        _tracks.Clear();
    }

    /// <summary>
    /// Whether <paramref name="twoWheeler"/> goes with the object whose detected box is <paramref name="carrier"/>: it
    /// lies mostly (at least 30 %) within the object's box and stands on the same ground (bottom edges within a third
    /// of the object's height). A bicycle seen beside a rider the merge did not join, or a bare bicycle box inside a
    /// rider-and-motorcycle box.
    /// </summary>
    internal static bool IsBeside(in Box carrier, in Box twoWheeler) =>
        twoWheeler.Area > 0f
        && carrier.IntersectionArea(twoWheeler) / twoWheeler.Area >= 0.3f
        && MathF.Abs(twoWheeler.Bottom - carrier.Bottom) <= carrier.Height / 3;

    private static EndedTrack Ended(Track track, bool isConfirmed)
    {
        var (objectClass, kind) = track.Evidence.Decide();
        return new EndedTrack(track.Id, objectClass, kind, isConfirmed) { Evidence = track.Evidence };
    }

    /// <summary>A car, bus or truck: a rigid object whose weak detections may start a track.</summary>
    internal static bool IsFourWheeler(in DetectedObject detection) => detection.Class == ObjectClass.Vehicle && detection.Kind != VehicleKind.Motorcycle;

    /// <summary>Whether detection <paramref name="d"/> lies mostly (<see cref="PartOfMatchedShare"/> of its area) within a detection matched to a track in this frame.</summary>
    private static bool IsPartOfMatched(ReadOnlySpan<DetectedObject> detections, int d, ReadOnlySpan<bool> matched)
    {
        var box = detections[d].Box;
        for (var other = 0; other < detections.Length; other++)
        {
            if (other != d && matched[other] && box.Area > 0f && box.IntersectionArea(detections[other].Box) >= PartOfMatchedShare * box.Area)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a track of class <paramref name="track"/> may take a detection of class <paramref name="detection"/>.</summary>
    internal static bool Compatible(ObjectClass track, VehicleKind trackKind, ObjectClass detection, VehicleKind detectionKind)
    {
        if (track == detection)
        {
            return true; // includes vehicle sub-class flicker (car ↔ truck)
        }

        // A rider seen without their cycle or motorcycle (or a two-wheeler whose rider was missed) flickers between
        // the two; a motorcycle may be taken for a bicycle. People never turn into cars.
        return (track, detection) switch
        {
            (ObjectClass.Pedestrian, ObjectClass.Cycle) or (ObjectClass.Cycle, ObjectClass.Pedestrian) => true,
            (ObjectClass.Pedestrian, ObjectClass.Vehicle) => detectionKind == VehicleKind.Motorcycle,
            (ObjectClass.Vehicle, ObjectClass.Pedestrian) => trackKind == VehicleKind.Motorcycle,
            (ObjectClass.Cycle, ObjectClass.Vehicle) => detectionKind == VehicleKind.Motorcycle,
            (ObjectClass.Vehicle, ObjectClass.Cycle) => trackKind == VehicleKind.Motorcycle,
            _ => false,
        };
    }

    /// <summary>
    /// A tentative track has no velocity yet, so at a low analysis rate its second box may not overlap its first
    /// at all. It may also take a detection of similar size whose centre moved less than
    /// <see cref="TentativeLengthsPerSecond"/> object lengths per second (plus half a length), the length being the
    /// longer side of the boxes: a car seen from the side moves several of its heights in a second, a person does not;
    /// such a pair costs between 0 and <paramref name="maxCost"/> in proportion to the distance.
    /// </summary>
    internal static double TentativeMotionCost(in Box previous, in Box detection, double elapsedSeconds, double maxCost)
    {
        var length = Math.Max(Math.Max(previous.Height, detection.Height), Math.Max(previous.Width, detection.Width));
        if (!SameSize(previous, detection))
        {
            return double.PositiveInfinity;
        }

        var allowed = length * (0.5 + (TentativeLengthsPerSecond * elapsedSeconds));
        var dx = previous.CenterX - detection.CenterX;
        var dy = previous.CenterY - detection.CenterY;
        var distance = Math.Sqrt((dx * dx) + (dy * dy));
        return distance <= allowed ? maxCost * distance / allowed : double.PositiveInfinity;
    }

    /// <summary>
    /// The cost, between 0 and 1 in proportion to the distance, of giving a confirmed track's <paramref name="predicted"/>
    /// box (where its motion leads) a detection of similar size whose centre lies within half a length plus
    /// <see cref="MotionMissLengthsPerSecond"/> lengths per second since the track was last seen, the length being the
    /// longer side of the boxes; +∞ beyond. The prediction already carries the object's velocity, so the allowance is
    /// for what it cannot know: a change of pace or direction, and a box that changes shape.
    /// </summary>
    internal static double MotionCost(in Box predicted, in Box detection, double elapsedSeconds)
    {
        if (!SameSize(predicted, detection))
        {
            return double.PositiveInfinity;
        }

        var length = Math.Max(Math.Max(predicted.Height, detection.Height), Math.Max(predicted.Width, detection.Width));
        var allowed = length * (0.5 + (MotionMissLengthsPerSecond * elapsedSeconds));
        var dx = predicted.CenterX - detection.CenterX;
        var dy = predicted.CenterY - detection.CenterY;
        var distance = Math.Sqrt((dx * dx) + (dy * dy));
        return distance <= allowed ? distance / allowed : double.PositiveInfinity;
    }

    /// <summary>Whether two boxes' heights are within <see cref="MaxHeightChange"/> of each other (one object's, from frame to frame).</summary>
    internal static bool SameSize(in Box a, in Box b)
    {
        var ratio = a.Height / Math.Max(b.Height, 1e-3f);
        return ratio is >= 1 / MaxHeightChange and <= MaxHeightChange;
    }

    /// <summary>Gives each two-wheeler detection nobody matched to the person or two-wheeler it goes with, if any.</summary>
    private void AbsorbTwoWheelers(ReadOnlySpan<DetectedObject> detections, DateTimeOffset time, Span<bool> matched)
    {
        for (var d = 0; d < detections.Length; d++)
        {
            if (matched[d] || detections[d].Score < _options.LowScoreThreshold || !ClassEvidence.IsTwoWheeler(detections[d]))
            {
                continue;
            }

            Track? carrier = null;
            var best = 0f;
            foreach (var track in _tracks)
            {
                var seen = track.LastDetection;
                if (track.LastSeen != time || !(seen.Class == ObjectClass.Pedestrian || ClassEvidence.IsTwoWheeler(seen)) || !IsBeside(seen.Box, detections[d].Box))
                {
                    continue;
                }

                var overlap = seen.Box.IntersectionArea(detections[d].Box);
                if (overlap > best)
                {
                    (carrier, best) = (track, overlap);
                }
            }

            if (carrier is not null)
            {
                carrier.Absorb(detections[d]);
                matched[d] = true;
            }
        }
    }

    /// <summary>
    /// Finds the detections that are one box round two followed objects (a person standing behind another, or two
    /// passing): a box round two confirmed tracks' predicted boxes (<see cref="IsGroupOf"/>) that matches the smallest
    /// box round both better than it matches either. Such a box stands on the ground where the nearer object does, its
    /// bottom edge bounded by their feet, not the farther one's: only the track whose predicted bottom edge is nearest
    /// the box's may take it; the other goes unmatched in this frame, as if hidden. Otherwise the farther person's track
    /// would often take the box by its larger overlap, moving their feet to the nearer person's (across any line in
    /// between), and the nearer person's track would take another box.
    /// </summary>
    private void FindGroupBoxes(ReadOnlySpan<DetectedObject> detections)
    {
        var owners = _groupOwner.AsSpan(0, detections.Length);
        for (var d = 0; d < detections.Length; d++)
        {
            if (detections[d].Score < _options.LowScoreThreshold)
            {
                continue;
            }

            // The confirmed tracks the box overlaps (few: a box meets its neighbours only), then each pair of them.
            var box = detections[d].Box;
            _overlapping.Clear();
            foreach (var track in _tracks)
            {
                if (track.IsConfirmed && box.IoU(track.Box) is var iou && iou > 0f)
                {
                    _overlapping.Add((track, iou));
                }
            }

            var bestHull = 0f;
            for (var i = 0; i < _overlapping.Count; i++)
            {
                var (a, iouA) = _overlapping[i];
                for (var j = i + 1; j < _overlapping.Count; j++)
                {
                    var (b, iouB) = _overlapping[j];
                    var hull = box.IoU(a.Box.Union(b.Box));
                    if (hull > MathF.Max(iouA, iouB) && hull > bestHull && IsGroupOf(box, a.Box, b.Box))
                    {
                        bestHull = hull;
                        owners[d] = MathF.Abs(a.Box.Bottom - box.Bottom) <= MathF.Abs(b.Box.Bottom - box.Bottom) ? a : b;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="box"/> may be drawn round the two objects whose predicted boxes are <paramref name="a"/>
    /// and <paramref name="b"/>: each of similar height to it (not a head or a part of a person the detector boxed on
    /// its own) and at least half within it, and the two overlapping each other less than <see cref="GroupMemberMaxIoU"/>.
    /// </summary>
    private static bool IsGroupOf(in Box box, in Box a, in Box b) =>
        SameSize(a, box) && SameSize(b, box) && MostlyWithin(a, box) && MostlyWithin(b, box) && a.IoU(b) < GroupMemberMaxIoU;

    /// <summary>Whether at least half of <paramref name="inner"/> lies within <paramref name="outer"/>.</summary>
    private static bool MostlyWithin(in Box inner, in Box outer) => inner.Area > 0f && inner.IntersectionArea(outer) >= 0.5f * inner.Area;

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

    /// <summary>Keeps in <paramref name="detectionIndices"/> only the detections no track took.</summary>
    private static void KeepUnmatched(List<int> detectionIndices, ReadOnlySpan<bool> matched)
    {
        var kept = 0;
        for (var i = 0; i < detectionIndices.Count; i++)
        {
            if (!matched[detectionIndices[i]])
            {
                detectionIndices[kept++] = detectionIndices[i];
            }
        }

        detectionIndices.RemoveRange(kept, detectionIndices.Count - kept);
    }

    /// <summary>Keeps in the pool only the tracks that got no detection this frame.</summary>
    private void KeepUnmatched(DateTimeOffset time)
    {
        var kept = 0;
        for (var i = 0; i < _pool.Count; i++)
        {
            if (_pool[i].LastSeen != time)
            {
                _pool[kept++] = _pool[i];
            }
        }

        _pool.RemoveRange(kept, _pool.Count - kept);
    }

    private void Associate(ReadOnlySpan<DetectedObject> detections, List<int> detectionIndices, double maxCost, DateTimeOffset time, Span<bool> matched, AssociationMode mode = AssociationMode.Overlap)
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
                var overlapCost = mode switch
                {
                    AssociationMode.Motion => MotionCost(predicted, detection.Box, elapsed),
                    _ when !SameSize(predicted, detection.Box) => double.PositiveInfinity,
                    AssociationMode.Tentative => Math.Min(1.0 - predicted.IoU(detection.Box), TentativeMotionCost(predicted, detection.Box, elapsed, maxCost)),
                    _ => 1.0 - predicted.IoU(detection.Box),
                };

                var owner = _groupOwner[detectionIndices[c]];
                cost[(r * columns) + c] = !Compatible(trackClass, trackKind, detection.Class, detection.Kind) || (owner is not null && owner != track)
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
                _pool[r].Match(detections[d], time, isHigh: detections[d].Score >= _options.HighScoreThreshold);
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

        if (_groupOwner.Length < detections)
        {
            _groupOwner = new Track?[Math.Max(detections, _groupOwner.Length * 2)];
        }
    }

    /// <summary>How an association pass prices a track and a detection.</summary>
    private enum AssociationMode
    {
        /// <summary>By overlap with the track's predicted box.</summary>
        Overlap,

        /// <summary>By overlap, or for a track without velocity yet, by a distance an object may move.</summary>
        Tentative,

        /// <summary>By the distance from the track's predicted box (for confirmed tracks the overlap passes left unmatched).</summary>
        Motion,
    }
}

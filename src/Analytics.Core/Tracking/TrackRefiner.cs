using System.Diagnostics;
using System.Runtime.InteropServices;
using Analytics.Core.Geometry;

namespace Analytics.Core.Tracking;

/// <summary>
/// The deferred half of the Tracking stage: the online tracker's output, held back by <see cref="LookAhead"/> so that
/// each frame is handed on knowing the next few seconds, as <i>objects</i> rather than tracks:
/// <list type="bullet">
/// <item><b>Joined fragments.</b> When an object's track ends, a track that starts within <see cref="TrackJoin.MaxGap"/>
/// where its motion leads, of its size and class, continues the same object (<see cref="TrackJoin"/>, motion only); the
/// frames between them are filled by a straight path, as are a track's own missed frames.</item>
/// <item><b>Smoothed paths.</b> Each position handed on is the local linear fit of the detected boxes within
/// ±<see cref="SmoothingHalfWindow"/> (<see cref="LocalLinearFit"/>), not one frame's box.</item>
/// <item><b>One class per object</b>, decided when it ends from the evidence of all its tracks (<see cref="ClassEvidence"/>).</item>
/// </list>
/// Output ids are the objects' own (one per joined chain), unique within the refiner. Deterministic: the output
/// depends only on the frames given, in order, and on nothing else (so a checkpoint window gives the same statistics
/// however the run is cut). Memory: the tracks alive and the last few seconds of their observations.
/// </summary>
public sealed class TrackRefiner
{
    /// <summary>How far behind the newest frame the refiner hands frames on: the future it knows about each one.</summary>
    /// <remarks>
    /// At least the tracker's lost-track buffer (2 s) plus a frame, so that when an object goes unseen the refiner
    /// already knows whether its track came back or ended; and at least the gap and the motion window of a join.
    /// </remarks>
    public static readonly TimeSpan LookAhead = TimeSpan.FromSeconds(3);

    /// <summary>Half the time window of the smoothing fit.</summary>
    public static readonly TimeSpan SmoothingHalfWindow = TimeSpan.FromSeconds(0.3);

    /// <summary>Observations older than this before a track's newest one are no longer needed (smoothing, velocity).</summary>
    private static readonly TimeSpan History = TrackJoin.MotionWindow + SmoothingHalfWindow + TimeSpan.FromSeconds(0.2);

    private readonly Queue<DateTimeOffset> _frames = new();
    private readonly List<Fragment> _fragments = [];
    private readonly Dictionary<int, Fragment> _fragmentByTrack = [];
    private readonly List<RefinedObject> _objects = [];
    private readonly List<RefinedObject> _undecided = [];
    private readonly List<(double Cost, int Object, int Fragment)> _joins = [];
    private readonly List<(Box Box, Point2 Velocity)?> _starts = []; // each candidate fragment's start (TrackJoin.Motion), once per frame
    private readonly Stack<Fragment> _freeFragments = new();
    private readonly Stack<RefinedObject> _freeObjects = new();
    private DateTimeOffset? _latest;
    private bool _finished;
    private int _nextObjectId = 1;

    /// <summary>
    /// Adds the tracker's output for the frame at <paramref name="time"/>: every analysed frame, even an empty one, in
    /// time order (a frame stamped like the previous one is taken as one tick later).
    /// </summary>
    public void Add(DateTimeOffset time, IReadOnlyList<TrackObservation> observations, IReadOnlyList<EndedTrack> ended)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(ended);
        if (_finished)
        {
            throw new InvalidOperationException("the refiner is finished");
        }

        if (_latest is { } latest && time <= latest)
        {
            if (time < latest)
            {
                throw new ArgumentException($"frame time {time:O} is before the previous frame's {latest:O}", nameof(time));
            }

            time = latest + TimeSpan.FromTicks(1); // two frames stamped alike (a container's rounding): keep them apart
        }

        _latest = time;
        _frames.Enqueue(time);
        foreach (var o in observations)
        {
            if (!_fragmentByTrack.TryGetValue(o.TrackId, out var fragment))
            {
                fragment = _freeFragments.TryPop(out var free) ? free : new Fragment();
                fragment.Start(o.TrackId, time);
                _fragments.Add(fragment);
                _fragmentByTrack.Add(o.TrackId, fragment);
            }

            var detected = o.Detection.Box.Area > 0 ? o.Detection.Box : o.Box;
            fragment.Samples.Add(new TrackSample(time, detected, o.Class, o.Kind, o.IsConfirmed));
            fragment.Confirmed |= o.IsConfirmed;
        }

        MarkEnded(ended);
    }

    /// <summary>The footage is over: <paramref name="ended"/> are the tracks the tracker finished; every frame may now be taken.</summary>
    public void Finish(IReadOnlyList<EndedTrack> ended)
    {
        ArgumentNullException.ThrowIfNull(ended);
        MarkEnded(ended);
        _finished = true;
    }

    /// <summary>
    /// Takes the oldest frame whose look-ahead is complete (any frame once finished): fills
    /// <paramref name="observations"/> with the objects seen in it (id, smoothed or interpolated box, class so far) and
    /// <paramref name="ended"/> with the objects that ended in it, with their life-long class. Both lists are cleared first.
    /// </summary>
    public bool TryTake(List<TrackObservation> observations, List<EndedTrack> ended, out DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(ended);
        time = default;
        if (_frames.Count == 0 || (!_finished && _latest!.Value - _frames.Peek() < LookAhead))
        {
            return false;
        }

        time = _frames.Dequeue();
        observations.Clear();
        ended.Clear();
        ContinueObjects(time, observations);
        JoinOrEnd(time, observations, ended);
        StartObjects(time, observations);
        Forget();
        return true;
    }

    /// <summary>After the last frame was taken: ends every object still alive and reports it in <paramref name="ended"/> (cleared first).</summary>
    public void EndAll(List<EndedTrack> ended)
    {
        ArgumentNullException.ThrowIfNull(ended);
        Debug.Assert(_finished && _frames.Count == 0, "every frame was taken");
        ended.Clear();
        foreach (var o in _objects)
        {
            ended.Add(o.Ended());
        }

        _objects.Clear();
    }

    private void MarkEnded(IReadOnlyList<EndedTrack> ended)
    {
        foreach (var e in ended)
        {
            if (_fragmentByTrack.TryGetValue(e.TrackId, out var fragment))
            {
                fragment.End = e;
                fragment.Confirmed |= e.IsConfirmed;
            }
        }
    }

    /// <summary>Objects whose current track is seen at <paramref name="time"/>, or is between two sightings, or is joined to the next.</summary>
    private void ContinueObjects(DateTimeOffset time, List<TrackObservation> observations)
    {
        _undecided.Clear();
        foreach (var o in _objects)
        {
            var current = o.Current;
            if (current.NextTime == time)
            {
                Emit(o, current.SmoothedNext(), time, seen: true, observations);
                current.Taken++;
            }
            else if (current.NextTime is { } nextTime)
            {
                Emit(o, Interpolate(o, nextTime, current.SmoothedNext(), time), time, seen: false, observations); // a missed frame of its own track
            }
            else if (o.Next is { } next && next.FirstTime > time)
            {
                Emit(o, Interpolate(o, next.FirstTime, next.SmoothedNext(), time), time, seen: false, observations); // the gap before its next track
            }
            else if (o.Next is null && current.End is not null)
            {
                _undecided.Add(o); // its track is over: joined to another, or the object ends
            }

            // Otherwise its track is lost but not ended: it may come back (nothing to hand on in this frame).
        }
    }

    /// <summary>Joins objects whose track ended to tracks that start later (cheapest joins first); ends the others.</summary>
    private void JoinOrEnd(DateTimeOffset time, List<TrackObservation> observations, List<EndedTrack> ended)
    {
        if (_undecided.Count == 0)
        {
            return;
        }

        _joins.Clear();
        _starts.Clear();
        for (var f = 0; f < _fragments.Count; f++)
        {
            _starts.Add(null);
        }

        for (var i = 0; i < _undecided.Count; i++)
        {
            var o = _undecided[i];
            var samples = CollectionsMarshal.AsSpan(o.Current.Samples);
            var (endClass, endKind) = (o.Evidence + o.Current.End!.Value.Evidence).Decide();
            var (endBox, endVelocity) = TrackJoin.Motion(samples, atEnd: true);
            var end = (o.LastTime, endBox, endVelocity, endClass, endKind);
            for (var f = 0; f < _fragments.Count; f++)
            {
                var candidate = _fragments[f];
                // (The gap is also checked by TrackJoin.Cost: here it only spares measuring a start Cost would refuse.)
                if (candidate.Object is not null || candidate.JoinedBy is not null || candidate.Taken > 0 || !candidate.Confirmed || candidate.FirstTime < time
                    || candidate.FirstTime - o.LastTime > TrackJoin.MaxGap)
                {
                    continue;
                }

                var starts = CollectionsMarshal.AsSpan(candidate.Samples);
                var latest = starts[^1];
                var (startBox, startVelocity) = _starts[f] ??= TrackJoin.Motion(starts, atEnd: false);
                var cost = TrackJoin.Cost(end, (candidate.FirstTime, startBox, startVelocity, latest.Class, latest.Kind));
                if (!double.IsPositiveInfinity(cost))
                {
                    _joins.Add((cost, i, f));
                }
            }
        }

        _joins.Sort();
        foreach (var (_, i, f) in _joins)
        {
            var (o, fragment) = (_undecided[i], _fragments[f]);
            if (o.Next is null && fragment.JoinedBy is null)
            {
                o.Next = fragment;
                fragment.JoinedBy = o;
                if (fragment.FirstTime > time)
                {
                    Emit(o, Interpolate(o, fragment.FirstTime, fragment.SmoothedNext(), time), time, seen: false, observations);
                }
            }
        }

        foreach (var o in _undecided)
        {
            if (o.Next is null)
            {
                ended.Add(o.Ended());
                _objects.Remove(o);
                Release(o);
            }
        }
    }

    /// <summary>Tracks first seen at <paramref name="time"/>: the continuation of a joined object, or a new object.</summary>
    private void StartObjects(DateTimeOffset time, List<TrackObservation> observations)
    {
        foreach (var fragment in _fragments)
        {
            if (fragment.Taken > 0 || fragment.NextTime != time)
            {
                continue;
            }

            var o = fragment.JoinedBy;
            if (o is not null)
            {
                o.Evidence += o.Current.End!.Value.Evidence;
                o.Confirmed |= o.Current.Confirmed;
                o.Current.Object = null;
                o.Current = fragment;
                o.Next = null;
                fragment.JoinedBy = null;
            }
            else if (fragment.End is { IsConfirmed: false })
            {
                fragment.Taken = fragment.Samples.Count; // ended unconfirmed before it was handed on: noise, never an object
                continue;
            }
            else
            {
                o = _freeObjects.TryPop(out var free) ? free : new RefinedObject();
                o.Start(_nextObjectId++, fragment);
                _objects.Add(o);
            }

            fragment.Object = o;
            Emit(o, fragment.SmoothedNext(), time, seen: true, observations);
            fragment.Taken++;
        }
    }

    /// <summary>Drops what no later frame needs: old observations, and tracks that are over.</summary>
    private void Forget()
    {
        for (var i = _fragments.Count - 1; i >= 0; i--)
        {
            var fragment = _fragments[i];
            var over = fragment.End is not null && !fragment.HasNext;
            if (over && fragment.Object is null && fragment.JoinedBy is null)
            {
                _fragments.RemoveAt(i);
                _fragmentByTrack.Remove(fragment.TrackId);
                fragment.Reset();
                _freeFragments.Push(fragment);
                continue;
            }

            fragment.Trim();
        }
    }

    /// <summary>Hands on the object's box at <paramref name="time"/>; <paramref name="seen"/> when observed then, not interpolated.</summary>
    private static void Emit(RefinedObject o, Box box, DateTimeOffset time, bool seen, List<TrackObservation> observations)
    {
        var latest = o.Current.Samples[Math.Min(o.Current.Taken, o.Current.Samples.Count - 1)];
        observations.Add(new TrackObservation(o.Id, box, latest.Class, latest.Kind, o.Confirmed || o.Current.Confirmed, default));
        if (seen)
        {
            (o.LastBox, o.LastTime) = (box, time);
        }
    }

    /// <summary>The box at <paramref name="time"/> on the straight path from the object's last sighting to its next.</summary>
    private static Box Interpolate(RefinedObject o, DateTimeOffset nextTime, Box next, DateTimeOffset time)
    {
        var f = (float)((time - o.LastTime) / (nextTime - o.LastTime));
        var a = o.LastBox;
        return new Box(a.Left + ((next.Left - a.Left) * f), a.Top + ((next.Top - a.Top) * f), a.Right + ((next.Right - a.Right) * f), a.Bottom + ((next.Bottom - a.Bottom) * f));
    }

    private void Release(RefinedObject o)
    {
        o.Current.Object = null;
        o.Reset();
        _freeObjects.Push(o);
    }

    /// <summary>One track of the online tracker, as far as the look-ahead holds it.</summary>
    private sealed class Fragment
    {
        public int TrackId { get; private set; }

        /// <summary>Its observations not yet handed on, and the last few seconds of those that were.</summary>
        public List<TrackSample> Samples { get; } = [];

        /// <summary>How many of <see cref="Samples"/> were handed on.</summary>
        public int Taken { get; set; }

        public DateTimeOffset FirstTime { get; private set; }

        public bool Confirmed { get; set; }

        public EndedTrack? End { get; set; }

        /// <summary>The object it belongs to, once its first observation was handed on.</summary>
        public RefinedObject? Object { get; set; }

        /// <summary>The object it will continue, chosen before its first observation is handed on.</summary>
        public RefinedObject? JoinedBy { get; set; }

        public bool HasNext => Taken < Samples.Count;

        public DateTimeOffset? NextTime => HasNext ? Samples[Taken].Time : null;

        public Box SmoothedNext() => LocalLinearFit.At(CollectionsMarshal.AsSpan(Samples), Taken, SmoothingHalfWindow);

        public void Start(int trackId, DateTimeOffset time) => (TrackId, FirstTime) = (trackId, time);

        /// <summary>Forgets observations handed on more than <see cref="History"/> before the last one handed on.</summary>
        public void Trim()
        {
            if (Taken < 2)
            {
                return;
            }

            var limit = Samples[Taken - 1].Time - History;
            var drop = 0;
            while (drop < Taken - 1 && Samples[drop].Time < limit)
            {
                drop++;
            }

            if (drop > 0)
            {
                Samples.RemoveRange(0, drop);
                Taken -= drop;
            }
        }

        public void Reset()
        {
            Samples.Clear();
            (Taken, Confirmed, End, Object, JoinedBy) = (0, false, null, null, null);
        }
    }

    /// <summary>One object: a chain of joined tracks, the current one last.</summary>
    private sealed class RefinedObject
    {
        public int Id { get; private set; }

        public Fragment Current { get; set; } = null!;

        /// <summary>The track that will continue it after a gap, once chosen.</summary>
        public Fragment? Next { get; set; }

        /// <summary>Class evidence of its earlier tracks (the current one's comes with its end).</summary>
        public ClassEvidence Evidence { get; set; }

        /// <summary>Whether one of its earlier tracks was confirmed.</summary>
        public bool Confirmed { get; set; }

        /// <summary>Where and when it was last seen (the last box handed on from a real observation).</summary>
        public Box LastBox { get; set; }

        public DateTimeOffset LastTime { get; set; }

        public void Start(int id, Fragment first) => (Id, Current, Next, Evidence, Confirmed) = (id, first, null, default, false);

        /// <summary>Its end, with the class decided from all its tracks.</summary>
        public EndedTrack Ended()
        {
            var evidence = Evidence + (Current.End?.Evidence ?? default);
            var (objectClass, kind) = evidence.Decide();
            return new EndedTrack(Id, objectClass, kind, Confirmed || Current.Confirmed) { Evidence = evidence };
        }

        public void Reset() => (Current, Next) = (null!, null);
    }
}

using System.Diagnostics;
using Analytics.Core.Tracking;

namespace Analytics.Core.Counting;

/// <summary>
/// The Counting stage for one file (or one checkpoint window): the tracker's output goes first through a
/// <see cref="TrackRefiner"/> (a few seconds of look-ahead: broken tracks joined into one object, paths smoothed,
/// one class per object), then each object's anchor is followed across the camera's lines and zones from its first
/// frame, and when the object ends what it did becomes anonymous events under the class decided from its whole life
/// (so a car seen a few frames as a truck is counted once, as a car; a cyclist whose bicycle the detector often
/// missed, once, as a cycle). An object that ends unconfirmed is discarded with everything it did. The per-object
/// state is dropped at the object's end; nothing survives the file.
/// </summary>
public sealed class FileCounter
{
    private readonly CameraLayout _camera;
    private readonly Dictionary<int, TrackRecord> _records = [];
    private readonly FileStatistics _statistics;
    private readonly TrackRefiner _refiner = new();
    private readonly List<TrackObservation> _refined = [];
    private readonly List<EndedTrack> _refinedEnded = [];
    private DateTimeOffset? _firstFrame;
    private DateTimeOffset _lastFrame;
    private long _frame = -1;

    public FileCounter(CameraLayout camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        _camera = camera;
        _statistics = new FileStatistics(camera);
    }

    /// <summary>
    /// Feeds one analysed frame: the tracker's observations at <paramref name="time"/> and the tracks it ended.
    /// Frames must come in time order. Counting runs <see cref="TrackRefiner.LookAhead"/> behind (and catches up in
    /// <see cref="Finish"/>).
    /// </summary>
    public void AddFrame(DateTimeOffset time, IReadOnlyList<TrackObservation> observations, IReadOnlyList<EndedTrack> ended)
    {
        _refiner.Add(time, observations, ended);
        while (_refiner.TryTake(_refined, _refinedEnded, out var ready))
        {
            Count(ready, _refined, _refinedEnded);
        }
    }

    /// <summary>One frame of objects, in time order: their observations at <paramref name="time"/> and the objects that ended.</summary>
    private void Count(DateTimeOffset time, List<TrackObservation> observations, List<EndedTrack> ended)
    {
        Debug.Assert(_firstFrame is null || time >= _lastFrame, "frames come in time order");
        _frame++;
        _firstFrame ??= time;
        _lastFrame = time;

        // The previous frame's presence lasts until this frame.
        foreach (var record in _records.Values)
        {
            record.ExtendPresence(_frame, time);
        }

        foreach (var observation in observations)
        {
            if (!_records.TryGetValue(observation.TrackId, out var record))
            {
                record = new TrackRecord(_camera);
                _records.Add(observation.TrackId, record);
            }

            record.Observe(_camera, observation.Anchor, time, _frame);
        }

        End(ended);
    }

    /// <summary>
    /// Ends the file: resolves the tracks still alive (from the tracker's <c>Finish</c>) and returns what the file
    /// contributed. <paramref name="endOfFootage"/> is when the last analysed frame stops counting (its time plus
    /// one analysis period).
    /// </summary>
    public FileStatistics Finish(DateTimeOffset endOfFootage, IReadOnlyList<EndedTrack> ended)
    {
        ArgumentNullException.ThrowIfNull(ended);
        _refiner.Finish(ended);
        while (_refiner.TryTake(_refined, _refinedEnded, out var time))
        {
            Count(time, _refined, _refinedEnded);
        }

        _refiner.EndAll(_refinedEnded);
        foreach (var record in _records.Values)
        {
            record.ExtendPresence(_frame + 1, endOfFootage);
        }

        End(_refinedEnded);
        Debug.Assert(_records.Count == 0, "every track ends with the file");
        _records.Clear();
        if (_firstFrame is { } first && endOfFootage > first)
        {
            _statistics.Coverage.Add((first, endOfFootage));
        }

        return _statistics;
    }

    private void End(IReadOnlyList<EndedTrack> ended)
    {
        foreach (var track in ended)
        {
            if (_records.Remove(track.TrackId, out var record) && track.IsConfirmed)
            {
                record.Resolve(new ClassKey(track.Class, track.Kind), _statistics);
            }
        }
    }

    /// <summary>One object's passage through the camera's lines and zones, kept only while the object lives.</summary>
    private sealed class TrackRecord
    {
        private readonly LineCrossingState[] _lines;
        private readonly ZoneState[] _zones;
        private readonly List<(int Line, CrossingDirection Direction, DateTimeOffset Time)> _crossings = [];
        private readonly List<(int Zone, DateTimeOffset Start, DateTimeOffset End)> _presence = [];
        private readonly List<(int Zone, DateTimeOffset Time)> _entries = [];
        private (Geometry.Point2 Anchor, DateTimeOffset Time)? _last;

        public TrackRecord(CameraLayout camera)
        {
            _lines = new LineCrossingState[camera.Lines.Count];
            _zones = new ZoneState[camera.Zones.Count];
        }

        public void ExtendPresence(long frame, DateTimeOffset time)
        {
            for (var z = 0; z < _zones.Length; z++)
            {
                if (_zones[z].Open && _zones[z].LastInsideFrame == frame - 1)
                {
                    _zones[z].End = time;
                }
            }
        }

        public void Observe(CameraLayout camera, Geometry.Point2 anchor, DateTimeOffset time, long frame)
        {
            for (var l = 0; l < _lines.Length; l++)
            {
                if (_lines[l].Advance(camera.Lines[l], _last, anchor, time, out var direction, out var crossingTime))
                {
                    _crossings.Add((l, direction, crossingTime));
                }
            }

            for (var z = 0; z < _zones.Length; z++)
            {
                ref var zone = ref _zones[z];
                var inside = camera.Zones[z].Polygon.Contains(anchor);
                if (inside)
                {
                    var continues = zone.Open && zone.LastInsideFrame == frame - 1;
                    if (!continues)
                    {
                        Close(z, ref zone);
                        var entered = zone.Known ? !zone.WasInside : frame > 0; // first seen inside after the file's start
                        if (entered)
                        {
                            _entries.Add((z, time));
                        }

                        zone.Open = true;
                        zone.Start = time;
                        zone.End = time;
                    }

                    zone.LastInsideFrame = frame;
                }
                else
                {
                    Close(z, ref zone);
                }

                zone.Known = true;
                zone.WasInside = inside;
            }

            _last = (anchor, time);
        }

        public void Resolve(ClassKey objectClass, FileStatistics statistics)
        {
            for (var z = 0; z < _zones.Length; z++)
            {
                Close(z, ref _zones[z]);
            }

            foreach (var (line, direction, time) in _crossings)
            {
                statistics.Crossings.Add(new LineCrossingEvent(line, direction, time, objectClass));
            }

            foreach (var (zone, start, end) in _presence)
            {
                statistics.Presence.Add(new ZonePresenceEvent(zone, start, end, objectClass));
            }

            foreach (var (zone, time) in _entries)
            {
                statistics.Entries.Add(new ZoneEntryEvent(zone, time, objectClass));
            }

            AddOriginDestination(objectClass, statistics);
        }

        /// <summary>For each ordered pair of distinct lines crossed one after the other, once per object, timed at the first completion.</summary>
        private void AddOriginDestination(ClassKey objectClass, FileStatistics statistics)
        {
            _crossings.Sort(static (a, b) => a.Time.CompareTo(b.Time));
            var lineCount = _lines.Length;
            var firstCrossing = new DateTimeOffset?[lineCount];
            var pairDone = new bool[lineCount * lineCount];
            foreach (var (line, _, time) in _crossings)
            {
                for (var from = 0; from < lineCount; from++)
                {
                    if (from != line && firstCrossing[from] is { } earlier && earlier < time && !pairDone[(from * lineCount) + line])
                    {
                        pairDone[(from * lineCount) + line] = true;
                        statistics.OriginDestination.Add(new OriginDestinationEvent(from, line, time, objectClass));
                    }
                }

                firstCrossing[line] ??= time;
            }
        }

        private void Close(int zoneIndex, ref ZoneState zone)
        {
            if (zone.Open)
            {
                if (zone.End > zone.Start)
                {
                    _presence.Add((zoneIndex, zone.Start, zone.End));
                }

                zone.Open = false;
            }
        }
    }

    private struct ZoneState
    {
        public bool Known;
        public bool WasInside;
        public bool Open;
        public long LastInsideFrame;
        public DateTimeOffset Start;
        public DateTimeOffset End;
    }
}

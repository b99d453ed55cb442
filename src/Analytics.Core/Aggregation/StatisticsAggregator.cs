using Analytics.Core.Counting;

namespace Analytics.Core.Aggregation;

/// <summary>
/// The Aggregation stage: adds up what each file contributed into time bins per camera. Every bin with analysed
/// footage gets a row for every line, direction, zone, line pair and class, zero included; a bin without footage
/// gets no row at all, so a missing hour is never read as a quiet one. Files may be added from several threads,
/// in any order.
/// </summary>
public sealed class StatisticsAggregator
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CameraLayout> _cameras;
    private readonly Dictionary<string, List<FileStatistics>> _files = [];

    public StatisticsAggregator(IEnumerable<CameraLayout> cameras)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        _cameras = cameras.ToDictionary(c => c.CameraId, StringComparer.Ordinal);
    }

    public void Add(FileStatistics file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!_cameras.ContainsKey(file.Camera.CameraId))
        {
            throw new ArgumentException($"camera '{file.Camera.CameraId}' is not part of this run", nameof(file));
        }

        lock (_lock)
        {
            if (!_files.TryGetValue(file.Camera.CameraId, out var list))
            {
                _files[file.Camera.CameraId] = list = [];
            }

            list.Add(file);
        }
    }

    public StatisticsTables Build()
    {
        var counts = new List<CountRow>();
        var occupancy = new List<OccupancyRow>();
        var od = new List<OriginDestinationRow>();
        var coverage = new List<CoverageRow>();
        lock (_lock)
        {
            foreach (var camera in _cameras.Values.OrderBy(c => c.CameraId, StringComparer.Ordinal))
            {
                var files = _files.GetValueOrDefault(camera.CameraId) ?? [];
                BuildCamera(camera, files, counts, occupancy, od, coverage);
            }
        }

        return new StatisticsTables(counts, occupancy, od, coverage);
    }

    private static void BuildCamera(
        CameraLayout camera,
        List<FileStatistics> files,
        List<CountRow> counts,
        List<OccupancyRow> occupancy,
        List<OriginDestinationRow> od,
        List<CoverageRow> coverageRows)
    {
        var binning = camera.Binning;
        var analysed = new SortedDictionary<DateTimeOffset, (TimeBin Bin, double Seconds)>();
        foreach (var (start, end) in Union(files.SelectMany(f => f.Coverage)))
        {
            foreach (var bin in binning.BinsOverlapping(start, end))
            {
                var seconds = Overlap(bin, start, end);
                analysed[bin.Start] = analysed.TryGetValue(bin.Start, out var sum) ? (bin, sum.Seconds + seconds) : (bin, seconds);
            }
        }

        var crossings = files.SelectMany(f => f.Crossings)
            .GroupBy(c => (c.Line, c.Direction, c.Class, Bin: binning.BinOf(c.Time).Start))
            .ToDictionary(g => g.Key, g => g.Count());
        var trips = files.SelectMany(f => f.OriginDestination)
            .GroupBy(t => (t.From, t.To, t.Class, Bin: binning.BinOf(t.Time).Start))
            .ToDictionary(g => g.Key, g => g.Count());
        var entries = files.SelectMany(f => f.Entries)
            .GroupBy(e => (e.Zone, e.Class, Bin: binning.BinOf(e.Time).Start))
            .ToDictionary(g => g.Key, g => g.Count());
        var presence = files.SelectMany(f => f.Presence).ToLookup(p => (p.Zone, p.Class));

        foreach (var (binStart, (bin, seconds)) in analysed)
        {
            coverageRows.Add(new CoverageRow(camera.CameraId, bin, Math.Round(seconds, 3)));
            for (var l = 0; l < camera.Lines.Count; l++)
            {
                var line = camera.Lines[l];
                foreach (var direction in (ReadOnlySpan<CrossingDirection>)[CrossingDirection.Forward, CrossingDirection.Backward])
                {
                    foreach (var key in ClassKey.All)
                    {
                        counts.Add(new CountRow(camera.CameraId, line.Id, line.NameOf(direction), key, bin, crossings.GetValueOrDefault((l, direction, key, binStart))));
                    }
                }
            }

            for (var z = 0; z < camera.Zones.Count; z++)
            {
                foreach (var key in ClassKey.All)
                {
                    var (integral, maximum) = Occupancy(presence[(z, key)], bin);
                    occupancy.Add(new OccupancyRow(
                        camera.CameraId, camera.Zones[z].Id, key, bin,
                        seconds > 0 ? Math.Round(integral / seconds, 4) : 0, maximum, entries.GetValueOrDefault((z, key, binStart))));
                }
            }

            for (var from = 0; from < camera.Lines.Count; from++)
            {
                for (var to = 0; to < camera.Lines.Count; to++)
                {
                    if (from == to)
                    {
                        continue;
                    }

                    foreach (var key in ClassKey.All)
                    {
                        od.Add(new OriginDestinationRow(camera.CameraId, camera.Lines[from].Id, camera.Lines[to].Id, key, bin, trips.GetValueOrDefault((from, to, key, binStart))));
                    }
                }
            }
        }
    }

    /// <summary>Object-seconds inside the zone during the bin, and the most objects inside at once.</summary>
    private static (double Integral, int Maximum) Occupancy(IEnumerable<ZonePresenceEvent> intervals, TimeBin bin)
    {
        var changes = new List<(DateTimeOffset Time, int Delta)>();
        var integral = 0.0;
        foreach (var interval in intervals)
        {
            var overlap = Overlap(bin, interval.Start, interval.End);
            if (overlap <= 0)
            {
                continue;
            }

            integral += overlap;
            changes.Add((interval.Start > bin.Start ? interval.Start : bin.Start, +1));
            changes.Add((interval.End < bin.End ? interval.End : bin.End, -1));
        }

        // Leaving before entering at the same instant: back-to-back intervals of one object never count twice.
        changes.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Delta.CompareTo(b.Delta));
        int current = 0, maximum = 0;
        foreach (var (_, delta) in changes)
        {
            current += delta;
            maximum = Math.Max(maximum, current);
        }

        return (integral, maximum);
    }

    private static double Overlap(TimeBin bin, DateTimeOffset start, DateTimeOffset end)
    {
        var from = start > bin.Start ? start : bin.Start;
        var to = end < bin.End ? end : bin.End;
        return to > from ? (to - from).TotalSeconds : 0;
    }

    /// <summary>Merges overlapping footage intervals, so footage analysed twice is not covered twice.</summary>
    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Union(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> intervals)
    {
        (DateTimeOffset Start, DateTimeOffset End)? current = null;
        foreach (var interval in intervals.OrderBy(i => i.Start))
        {
            if (current is { } open && interval.Start <= open.End)
            {
                current = (open.Start, interval.End > open.End ? interval.End : open.End);
                continue;
            }

            if (current is { } done)
            {
                yield return done;
            }

            current = interval;
        }

        if (current is { } last)
        {
            yield return last;
        }
    }
}

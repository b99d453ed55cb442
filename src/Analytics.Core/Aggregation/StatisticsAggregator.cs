using Analytics.Core.Counting;

namespace Analytics.Core.Aggregation;

/// <summary>
/// The Aggregation stage: adds up what each file contributed into time bins per camera. Every bin with analysed
/// footage gets a row for every line, direction, zone, line pair and class, zero included; a bin without footage
/// gets no row at all, so a missing hour is never read as a quiet one. Files may be added from several threads,
/// in any order: contributions are integers per minute, so the result does not depend on the order.
/// </summary>
public sealed class StatisticsAggregator
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, BinnedCamera> _cameras;
    private readonly Dictionary<string, List<FileContribution>> _files = [];

    public StatisticsAggregator(IEnumerable<BinnedCamera> cameras)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        _cameras = cameras.ToDictionary(c => c.CameraId, StringComparer.Ordinal);
    }

    public void Add(FileStatistics file)
    {
        ArgumentNullException.ThrowIfNull(file);
        Add(FileContribution.From(file));
    }

    public void Add(FileContribution file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!_cameras.ContainsKey(file.CameraId))
        {
            throw new ArgumentException($"camera '{file.CameraId}' is not part of this run", nameof(file));
        }

        lock (_lock)
        {
            if (!_files.TryGetValue(file.CameraId, out var list))
            {
                _files[file.CameraId] = list = [];
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
        BinnedCamera binnedCamera,
        List<FileContribution> files,
        List<CountRow> counts,
        List<OccupancyRow> occupancy,
        List<OriginDestinationRow> od,
        List<CoverageRow> coverageRows)
    {
        var (camera, binning) = (binnedCamera.Layout, binnedCamera.Binning);
        var analysed = new SortedDictionary<DateTimeOffset, (TimeBin Bin, long Ticks)>();
        foreach (var (start, end) in Union(files.SelectMany(f => f.Coverage)))
        {
            foreach (var bin in binning.BinsOverlapping(new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero)))
            {
                var ticks = Math.Min(end, bin.End.UtcTicks) - Math.Max(start, bin.Start.UtcTicks);
                analysed[bin.Start] = analysed.TryGetValue(bin.Start, out var sum) ? (bin, sum.Ticks + ticks) : (bin, ticks);
            }
        }

        // Minutes into bins: every bin boundary is a whole minute (bins are whole minutes of a clock whose UTC offset is).
        var binOfMinute = new Dictionary<long, DateTimeOffset>();
        DateTimeOffset BinStart(long minute)
        {
            if (!binOfMinute.TryGetValue(minute, out var start))
            {
                var bin = binning.BinOf(new DateTimeOffset(minute * TimeSpan.TicksPerMinute, TimeSpan.Zero));
                if (bin.Start.UtcTicks % TimeSpan.TicksPerMinute != 0 || bin.End.UtcTicks % TimeSpan.TicksPerMinute != 0)
                {
                    throw new InvalidOperationException($"camera '{camera.CameraId}': time zone {binning.TimeZone.Id} has a UTC offset that is not a whole number of minutes at {bin.Start:O}");
                }

                binOfMinute[minute] = start = bin.Start;
            }

            return start;
        }

        var crossings = new Dictionary<(int, CrossingDirection, ClassKey, DateTimeOffset), int>();
        var trips = new Dictionary<(int, int, ClassKey, DateTimeOffset), int>();
        var zones = new Dictionary<(int, ClassKey, DateTimeOffset), ZoneTally>();
        foreach (var file in files)
        {
            foreach (var (key, count) in file.Crossings)
            {
                var binKey = (key.Line, key.Direction, key.Class, BinStart(key.Minute));
                crossings[binKey] = crossings.GetValueOrDefault(binKey) + count;
            }

            foreach (var (key, count) in file.Trips)
            {
                var binKey = (key.From, key.To, key.Class, BinStart(key.Minute));
                trips[binKey] = trips.GetValueOrDefault(binKey) + count;
            }

            foreach (var (key, tally) in file.Zones)
            {
                var binKey = (key.Zone, key.Class, BinStart(key.Minute));
                zones[binKey] = zones.TryGetValue(binKey, out var sum) ? sum.Plus(tally) : tally;
            }
        }

        foreach (var (binStart, (bin, ticks)) in analysed)
        {
            var seconds = (double)ticks / TimeSpan.TicksPerSecond;
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
                    var tally = zones.GetValueOrDefault((z, key, binStart));
                    var presence = (double)tally.PresenceTicks / TimeSpan.TicksPerSecond;
                    occupancy.Add(new OccupancyRow(
                        camera.CameraId, camera.Zones[z].Id, key, bin,
                        seconds > 0 ? Math.Round(presence / seconds, 4) : 0, tally.Peak, tally.Entries));
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

    /// <summary>Merges overlapping footage intervals (UTC ticks), so footage analysed twice is not covered twice.</summary>
    private static IEnumerable<(long Start, long End)> Union(IEnumerable<(long Start, long End)> intervals)
    {
        (long Start, long End)? current = null;
        foreach (var interval in intervals.OrderBy(i => i.Start).ThenBy(i => i.End))
        {
            if (current is { } open && interval.Start <= open.End)
            {
                current = (open.Start, Math.Max(interval.End, open.End));
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

using Analytics.Core.Counting;

namespace Analytics.Core.Aggregation;

/// <summary>
/// What one file, or one time window of it, contributes to its camera's statistics, reduced to whole UTC minutes
/// (<c>Minute</c> = UTC ticks / <see cref="TimeSpan.TicksPerMinute"/>). It holds aggregates only: counts, object-time
/// and peaks per minute, and the footage intervals analysed; no event, track or position survives the reduction, so
/// it may be kept between runs (the nightly state) and binned later at any bin length and in any time zone whose
/// offsets are whole minutes.
/// </summary>
/// <remarks>
/// Everything is an integer (durations in ticks), so contributions add up exactly and in any order: splitting the
/// same footage into windows, or aggregating files in another order, gives the same statistics to the last bit.
/// The peak of a bin is the largest peak of its minutes, which is exact as long as the contributions do not cover
/// the same footage twice (the run warns when recordings of one camera overlap).
/// </remarks>
public sealed class FileContribution(string cameraId)
{
    public string CameraId { get; } = cameraId;

    /// <summary>Footage analysed, as [start, end) in UTC ticks.</summary>
    public List<(long StartTicks, long EndTicks)> Coverage { get; } = [];

    /// <summary>Seconds of footage analysed (the coverage intervals of one file do not overlap).</summary>
    public double AnalysedSeconds => (double)Coverage.Sum(c => c.EndTicks - c.StartTicks) / TimeSpan.TicksPerSecond;

    public Dictionary<CrossingTallyKey, int> Crossings { get; } = [];

    public Dictionary<TripTallyKey, int> Trips { get; } = [];

    public Dictionary<ZoneTallyKey, ZoneTally> Zones { get; } = [];

    /// <summary>Everything a file's statistics hold.</summary>
    public static FileContribution From(FileStatistics statistics) => From(statistics, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

    /// <summary>
    /// What <paramref name="statistics"/> holds within [<paramref name="from"/>, <paramref name="to"/>): events timed in
    /// the window, and presence and footage clipped to it.
    /// </summary>
    public static FileContribution From(FileStatistics statistics, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var contribution = new FileContribution(statistics.Camera.CameraId);
        long start = from.UtcTicks, end = to.UtcTicks;
        bool InWindow(DateTimeOffset t) => t.UtcTicks >= start && t.UtcTicks < end;

        foreach (var (s, e) in statistics.Coverage)
        {
            var (clippedStart, clippedEnd) = (Math.Max(s.UtcTicks, start), Math.Min(e.UtcTicks, end));
            if (clippedEnd > clippedStart)
            {
                contribution.Coverage.Add((clippedStart, clippedEnd));
            }
        }

        foreach (var crossing in statistics.Crossings.Where(c => InWindow(c.Time)))
        {
            Increment(contribution.Crossings, new CrossingTallyKey(crossing.Line, crossing.Direction, crossing.Class, MinuteOf(crossing.Time.UtcTicks)), 1);
        }

        foreach (var trip in statistics.OriginDestination.Where(t => InWindow(t.Time)))
        {
            Increment(contribution.Trips, new TripTallyKey(trip.From, trip.To, trip.Class, MinuteOf(trip.Time.UtcTicks)), 1);
        }

        foreach (var entry in statistics.Entries.Where(e => InWindow(e.Time)))
        {
            contribution.AddZone(new ZoneTallyKey(entry.Zone, entry.Class, MinuteOf(entry.Time.UtcTicks)), new ZoneTally(0, 0, 1));
        }

        // Occupancy: object-time and peak per minute, from the presence intervals clipped to the window.
        var pieces = new Dictionary<ZoneTallyKey, List<(long Start, long End)>>();
        foreach (var presence in statistics.Presence)
        {
            var (s, e) = (Math.Max(presence.Start.UtcTicks, start), Math.Min(presence.End.UtcTicks, end));
            for (var minute = MinuteOf(s); e > s && minute * TimeSpan.TicksPerMinute < e; minute++)
            {
                var (pieceStart, pieceEnd) = (Math.Max(s, minute * TimeSpan.TicksPerMinute), Math.Min(e, (minute + 1) * TimeSpan.TicksPerMinute));
                if (pieceEnd > pieceStart)
                {
                    var key = new ZoneTallyKey(presence.Zone, presence.Class, minute);
                    if (!pieces.TryGetValue(key, out var list))
                    {
                        pieces[key] = list = [];
                    }

                    list.Add((pieceStart, pieceEnd));
                }
            }
        }

        foreach (var (key, list) in pieces)
        {
            contribution.AddZone(key, new ZoneTally(list.Sum(p => p.End - p.Start), Peak(list), 0));
        }

        return contribution;
    }

    /// <summary>The minute (UTC ticks / ticks per minute) holding an instant given in UTC ticks.</summary>
    public static long MinuteOf(long utcTicks) => Math.DivRem(utcTicks, TimeSpan.TicksPerMinute).Quotient;

    /// <summary>Adds another contribution of the same camera (a later window of the same file) into this one.</summary>
    public void Add(FileContribution other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.CameraId != CameraId)
        {
            throw new ArgumentException($"camera '{other.CameraId}' is not '{CameraId}'", nameof(other));
        }

        Coverage.AddRange(other.Coverage);
        foreach (var (key, count) in other.Crossings)
        {
            Increment(Crossings, key, count);
        }

        foreach (var (key, count) in other.Trips)
        {
            Increment(Trips, key, count);
        }

        foreach (var (key, tally) in other.Zones)
        {
            AddZone(key, tally);
        }
    }

    public void AddZone(ZoneTallyKey key, ZoneTally tally) =>
        Zones[key] = Zones.TryGetValue(key, out var existing) ? existing.Plus(tally) : tally;

    private static void Increment<TKey>(Dictionary<TKey, int> tallies, TKey key, int count)
        where TKey : notnull =>
        tallies[key] = tallies.GetValueOrDefault(key) + count;

    /// <summary>The most intervals open at once; one that ends when another starts does not overlap it.</summary>
    private static int Peak(List<(long Start, long End)> intervals)
    {
        var changes = new List<(long Time, int Delta)>(intervals.Count * 2);
        foreach (var (start, end) in intervals)
        {
            changes.Add((start, +1));
            changes.Add((end, -1));
        }

        // Leaving before entering at the same instant: back-to-back intervals of one object never count twice.
        changes.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Delta.CompareTo(b.Delta));
        int current = 0, peak = 0;
        foreach (var (_, delta) in changes)
        {
            current += delta;
            peak = Math.Max(peak, current);
        }

        return peak;
    }
}

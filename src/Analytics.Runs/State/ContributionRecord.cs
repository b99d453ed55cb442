using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using MessagePack;

namespace Analytics.Runs.State;

/// <summary><see cref="FileContribution"/> as stored: per-minute tallies, classes as their index in <see cref="ClassKey.All"/>.</summary>
[MessagePackObject]
public sealed record ContributionRecord(
    [property: Key(0)] string CameraId,
    [property: Key(1)] long[] Coverage,
    [property: Key(2)] TallyRecord[] Crossings,
    [property: Key(3)] TallyRecord[] Trips,
    [property: Key(4)] ZoneRecord[] Zones)
{
    public static ContributionRecord From(FileContribution contribution)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        return new ContributionRecord(
            contribution.CameraId,
            contribution.Coverage.SelectMany(c => new[] { c.StartTicks, c.EndTicks }).ToArray(),
            contribution.Crossings.Select(p => new TallyRecord(p.Key.Line, (int)p.Key.Direction, ClassIndex(p.Key.Class), p.Key.Minute, p.Value)).ToArray(),
            contribution.Trips.Select(p => new TallyRecord(p.Key.From, p.Key.To, ClassIndex(p.Key.Class), p.Key.Minute, p.Value)).ToArray(),
            contribution.Zones.Select(p => new ZoneRecord(p.Key.Zone, ClassIndex(p.Key.Class), p.Key.Minute, p.Value.PresenceTicks, p.Value.Peak, p.Value.Entries)).ToArray());
    }

    public FileContribution ToContribution()
    {
        var contribution = new FileContribution(CameraId);
        for (var i = 0; i + 1 < Coverage.Length; i += 2)
        {
            contribution.Coverage.Add((Coverage[i], Coverage[i + 1]));
        }

        foreach (var t in Crossings)
        {
            contribution.Crossings[new CrossingTallyKey(t.A, (CrossingDirection)t.B, ClassKey.All[t.Class], t.Minute)] = t.Count;
        }

        foreach (var t in Trips)
        {
            contribution.Trips[new TripTallyKey(t.A, t.B, ClassKey.All[t.Class], t.Minute)] = t.Count;
        }

        foreach (var z in Zones)
        {
            contribution.Zones[new ZoneTallyKey(z.Zone, ClassKey.All[z.Class], z.Minute)] = new ZoneTally(z.PresenceTicks, z.Peak, z.Entries);
        }

        return contribution;
    }

    private static int ClassIndex(ClassKey key)
    {
        for (var i = 0; i < ClassKey.All.Count; i++)
        {
            if (ClassKey.All[i] == key)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(key), key, "not a counted class");
    }
}

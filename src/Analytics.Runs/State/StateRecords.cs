using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Runs.Outcomes;
using MessagePack;
using Analytics.Runs.Jobs;

namespace Analytics.Runs.State;

/// <summary>The state folder's header: its format and the purpose it was built for (a state serves one purpose).</summary>
[MessagePackObject]
public sealed record StateHeader(
    [property: Key(0)] int FormatVersion,
    [property: Key(1)] string Purpose,
    [property: Key(2)] string LegalBasis,
    [property: Key(3)] string Controller,
    [property: Key(4)] string DecisionReference,
    [property: Key(5)] string Created);

/// <summary>
/// One input analysed under one <see cref="AnalysisKey"/>: its content hash and recording start (together, its
/// identity), where it was last seen, and what it contributed; <see cref="Complete"/> is false while only its first
/// <see cref="WindowsDone"/> checkpoint windows are done.
/// </summary>
[MessagePackObject]
public sealed record InputRecord(
    [property: Key(0)] string CameraId,
    [property: Key(1)] string Sha256,
    [property: Key(2)] string RecordingStart,
    [property: Key(3)] string Path,
    [property: Key(4)] bool Complete,
    [property: Key(5)] int WindowsDone,
    [property: Key(6)] long FramesAnalysed,
    [property: Key(7)] long FramesDecoded,
    [property: Key(8)] ContributionRecord Contribution,
    [property: Key(9)] string Updated);

/// <summary>An input that failed, with the file's fingerprint then: it is retried only once the file has changed.</summary>
[MessagePackObject]
public sealed record FailureRecord(
    [property: Key(0)] string Path,
    [property: Key(1)] FileFingerprint Fingerprint,
    [property: Key(2)] string Reason,
    [property: Key(3)] string When)
{
    /// <summary>Why it failed; <see cref="FailureKind.Unknown"/> in records written before the kind was kept.</summary>
    [Key(4)]
    public FailureKind Kind { get; init; }
}

/// <summary>What a file looks like without reading it: size, modification time and permissions (or that it is missing).</summary>
[MessagePackObject]
public sealed record FileFingerprint([property: Key(0)] long Size, [property: Key(1)] long ModifiedUtcTicks, [property: Key(2)] int Mode)
{
    public static readonly FileFingerprint Missing = new(-1, 0, 0);

    public static FileFingerprint Of(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return Missing;
        }

        return new FileFingerprint(info.Length, info.LastWriteTimeUtc.Ticks, OperatingSystem.IsWindows() ? 0 : (int)info.UnixFileMode);
    }
}

/// <summary>A content hash remembered with the fingerprint of the file it was computed from.</summary>
[MessagePackObject]
public sealed record HashRecord([property: Key(0)] FileFingerprint Fingerprint, [property: Key(1)] string Sha256);

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

/// <summary>A count in one minute: (line, direction) for crossings, (from line, to line) for trips.</summary>
[MessagePackObject]
public sealed record TallyRecord([property: Key(0)] int A, [property: Key(1)] int B, [property: Key(2)] int Class, [property: Key(3)] long Minute, [property: Key(4)] int Count);

/// <summary>A zone's tally in one minute.</summary>
[MessagePackObject]
public sealed record ZoneRecord(
    [property: Key(0)] int Zone,
    [property: Key(1)] int Class,
    [property: Key(2)] long Minute,
    [property: Key(3)] long PresenceTicks,
    [property: Key(4)] int Peak,
    [property: Key(5)] int Entries);

using MessagePack;

namespace Analytics.Runs.State;

/// <summary>A zone's tally in one minute.</summary>
[MessagePackObject]
public sealed record ZoneRecord(
    [property: Key(0)] int Zone,
    [property: Key(1)] int Class,
    [property: Key(2)] long Minute,
    [property: Key(3)] long PresenceTicks,
    [property: Key(4)] int Peak,
    [property: Key(5)] int Entries);

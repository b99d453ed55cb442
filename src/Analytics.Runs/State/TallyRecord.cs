using MessagePack;

namespace Analytics.Runs.State;

/// <summary>A count in one minute: (line, direction) for crossings, (from line, to line) for trips.</summary>
[MessagePackObject]
public sealed record TallyRecord([property: Key(0)] int A, [property: Key(1)] int B, [property: Key(2)] int Class, [property: Key(3)] long Minute, [property: Key(4)] int Count);

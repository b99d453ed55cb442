using MessagePack;

namespace Analytics.Runs.State;

/// <summary>The model a shard ran, as run.json describes it (the merge writes the same description).</summary>
[MessagePackObject]
public sealed record ShardModelRecord(
    [property: Key(0)] string Id,
    [property: Key(1)] string File,
    [property: Key(2)] string Sha256,
    [property: Key(3)] int InputSize,
    [property: Key(4)] string Layout,
    [property: Key(5)] string Provider,
    [property: Key(6)] string? Licence,
    [property: Key(7)] float NmsIoUThreshold,
    [property: Key(8)] string? ManifestPath,
    [property: Key(9)] string? ManifestSha256);

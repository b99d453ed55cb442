using MessagePack;

namespace Analytics.Runs.State;

/// <summary>
/// <c>shard.msgpack</c> in a shard's state folder: what its last run was asked to cover and what became of each
/// input, for the merge to check that the shards together cover the job. Written with <see cref="Finished"/> null
/// when the run starts, so a shard killed before its end is never taken for a finished one.
/// </summary>
[MessagePackObject]
public sealed record ShardRecord(
    [property: Key(0)] int Index,
    [property: Key(1)] int Count,
    [property: Key(2)] string? Batch,
    [property: Key(3)] string JobSha256,
    [property: Key(4)] long ListedUtcTicks,
    [property: Key(5)] string? Finished,
    [property: Key(6)] ShardModelRecord Model,
    [property: Key(7)] double AnalysisFps,
    [property: Key(8)] float Threshold,
    [property: Key(9)] double CheckpointMinutes,
    [property: Key(10)] int Workers,
    [property: Key(11)] string AuditLog,
    [property: Key(12)] ShardInputRecord[] Inputs)
{
    /// <summary>The cameras analysed with another model than <see cref="Model"/> (their job names it), by camera id; null or empty when none (and in records written before cameras could).</summary>
    [Key(13)]
    public Dictionary<string, ShardModelRecord>? CameraModels { get; init; }

    /// <summary>The motion gate the shard ran with ("on" or "off"); null in records written before it was kept, which ran with the default, on.</summary>
    [Key(14)]
    public string? MotionGate { get; init; }
}

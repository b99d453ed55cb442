using Analytics.Runs.State;

namespace Analytics.Runs.Sharding;

/// <summary>What a merge reads from one shard's state folder: its shard record and the complete input records under the job's analysis keys.</summary>
internal sealed record ShardState(string Folder, ShardRecord Record, IReadOnlyList<InputRecord> Records)
{
    public string Name => $"shard {Record.Index}/{Record.Count} ({Folder})";
}

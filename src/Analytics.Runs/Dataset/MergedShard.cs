namespace Analytics.Runs.Dataset;

/// <summary>One shard whose state a merge read, as run.json and the audit log list it.</summary>
/// <param name="Shard">K/N.</param>
/// <param name="State">Its state folder.</param>
/// <param name="Batch">The engine's run it belonged to (Slurm array job, Kubernetes Job), if known.</param>
/// <param name="Listed">When it listed the job's inputs (ISO-8601).</param>
/// <param name="Finished">When its run ended (ISO-8601).</param>
/// <param name="Inputs">The job's inputs it was given.</param>
/// <param name="AuditLog">The audit log its runs appended to.</param>
/// <param name="AuditLastHash">The last hash of that log's intact chain, anchoring it in the merge's log; null if it could not be read.</param>
public sealed record MergedShard(string Shard, string State, string? Batch, string Listed, string Finished, int Inputs, string AuditLog, string? AuditLastHash);

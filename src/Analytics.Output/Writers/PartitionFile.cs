namespace Analytics.Output.Writers;

/// <summary>One file of a partitioned dataset: its path under the output folder (forward slashes), SHA-256, rows, and whether this run wrote it.</summary>
public sealed record PartitionFile(string File, string Sha256, int Rows, bool Written);

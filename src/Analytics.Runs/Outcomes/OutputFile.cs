namespace Analytics.Runs.Outcomes;

/// <summary>One file of the dataset a run wrote: its name in the output folder, its SHA-256 and its rows.</summary>
public sealed record OutputFile(string File, string Sha256, int Rows);

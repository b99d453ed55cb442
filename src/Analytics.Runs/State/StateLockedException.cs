namespace Analytics.Runs.State;

/// <summary>Another run holds the state folder.</summary>
public sealed class StateLockedException(string directory, string? owner)
    : Exception($"state folder {directory} is in use by another run ({owner ?? "owner unknown"}); this run did nothing. Runs on one state folder never overlap: try again when it has finished.");

namespace Analytics.Runs.State;

/// <summary>The state folder cannot be written (disk full, read-only, permissions): the run stops; what was saved before is intact.</summary>
public sealed class StateWriteException(string message, Exception inner) : Exception(message, inner);

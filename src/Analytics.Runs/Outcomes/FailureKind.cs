namespace Analytics.Runs.Outcomes;

/// <summary>Why an input failed, as far as deciding when to try it again goes.</summary>
public enum FailureKind
{
    /// <summary>Not known (a failure recorded by an earlier version).</summary>
    Unknown,

    /// <summary>The file is not a readable recording (missing, empty, truncated, corrupt, an unknown codec): retried once it changes.</summary>
    Content,

    /// <summary>The file could not be read for lack of permission: retried once it changes or becomes readable.</summary>
    AccessDenied,

    /// <summary>
    /// Refused before it was opened: by a rule (retention, settle time, a duplicate of content already counted),
    /// re-examined on every run; or as no recording (missing, empty, a pipe), retried once the file changes.
    /// </summary>
    Refused,
}

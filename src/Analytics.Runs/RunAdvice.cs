namespace Analytics.Runs;

/// <summary>What the person running the job can do about how it ended; each front end words it with its own commands and options.</summary>
[Flags]
public enum RunAdvice
{
    None = 0,

    /// <summary>A camera's analysis changed: analyse its inputs again (the old results are retired), or use a new state folder.</summary>
    Reanalyse = 1,

    /// <summary>The model files are missing or damaged: install them.</summary>
    InstallModels = 2,

    /// <summary>The audit log's last entry is damaged: check its chain before anything is appended.</summary>
    VerifyAuditLog = 4,

    /// <summary>A merge: shards or inputs are missing; a partial merge writes what the states hold and reports the rest as coverage gaps.</summary>
    AllowPartial = 8,
}

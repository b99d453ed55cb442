namespace Analytics.Runs;

/// <summary>How a run ended. Each front end maps it to its own signal (the CLI to its documented exit codes).</summary>
public enum RunOutcome
{
    /// <summary>Every input was analysed (or taken from the state) and the outputs were written.</summary>
    Succeeded,

    /// <summary>The outputs were written, but some inputs failed or were refused in this run: their time is a gap.</summary>
    CompletedWithFailures,

    /// <summary>The request, the job file, or the job against its videos is invalid; nothing was analysed.</summary>
    InvalidRequest,

    /// <summary>The model is missing, not allow-listed, or does not match its SHA-256; nothing was analysed.</summary>
    AssetUnavailable,

    /// <summary>
    /// The outputs, the audit log or the state folder could not be written, and what was there before is intact; or
    /// the outputs were written but the end of the run could not be recorded in the audit log (its problems say which).
    /// </summary>
    OutputNotWritable,

    /// <summary>The state folder cannot serve this job (another purpose, a changed analysis, a damaged file); nothing was analysed.</summary>
    StateMismatch,

    /// <summary>Another run holds the state folder; this one did nothing.</summary>
    StateLocked,

    /// <summary>
    /// A merge: the shards' states do not cover the job (a shard missing or unfinished, an input no shard covered,
    /// states of different shard runs or job files); nothing was written.
    /// </summary>
    ShardsIncomplete,

    /// <summary>Cancelled; no output was written (with a state, what was analysed is kept and resumed).</summary>
    Interrupted,
}

using Analytics.Runs;

namespace Analytics.Cli.Host;

/// <summary>Process exit codes, documented in README.md for operators and schedulers.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>The run finished, but some inputs failed; their errors are in the log (and run.json).</summary>
    public const int CompletedWithFailures = 1;

    /// <summary>The command line, a job file or a manifest is invalid; nothing was processed.</summary>
    public const int InvalidInput = 2;

    /// <summary>A required asset (model, video) is missing or does not match its SHA-256.</summary>
    public const int AssetError = 3;

    /// <summary><c>audit verify</c>: the audit log's chain is broken (an entry was edited, deleted or moved).</summary>
    public const int AuditChainBroken = 4;

    /// <summary>The outputs could not be written (disk full, no permission); any previous outputs are intact.</summary>
    public const int OutputError = 5;

    /// <summary>
    /// The <c>--state</c> folder cannot serve this job: it was built for another purpose, a camera's analysis changed
    /// (lines, zones, masks, model, settings) and <c>--reanalyse</c> was not given, or a state file is damaged. Nothing was analysed.
    /// </summary>
    public const int StateMismatch = 6;

    /// <summary>
    /// <c>validate</c> and <c>accuracy</c> with <c>--max-error P</c>: the comparison ran, and the total absolute error is
    /// above P percent (a CI or acceptance check failed, not the tool).
    /// </summary>
    public const int AboveAllowedError = 7;

    /// <summary>
    /// <c>merge</c>: the shards' states do not cover the job (a shard missing or unfinished, an input no shard covered,
    /// states of different runs of the shards or of another job file); nothing was written. With <c>--allow-partial</c>
    /// missing shards and inputs are written as coverage gaps instead (exit 1).
    /// </summary>
    public const int ShardsIncomplete = 8;

    /// <summary>
    /// <c>query</c> and <c>report</c>: the results folder is missing or holds no dataset, the query names a table the
    /// folder lacks, or a file of it cannot be read.
    /// </summary>
    public const int DatasetUnavailable = 9;

    /// <summary>
    /// An error no command expected (a bug): one sentence on standard error and the details in a crash report file
    /// (sysexits' EX_SOFTWARE). Outputs, state and audit log are left as an interrupted run leaves them.
    /// </summary>
    public const int InternalError = 70;

    /// <summary>Another run holds the <c>--state</c> folder; this one did nothing (sysexits' EX_TEMPFAIL: try again later).</summary>
    public const int StateLocked = 75;

    /// <summary>Interrupted (Ctrl-C / SIGTERM); no partial output was left behind.</summary>
    public const int Interrupted = 130;

    /// <summary>The one mapping from how a run ended to the code a scheduler reads.</summary>
    public static int Of(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Succeeded => Success,
        RunOutcome.CompletedWithFailures => CompletedWithFailures,
        RunOutcome.InvalidRequest => InvalidInput,
        RunOutcome.AssetUnavailable => AssetError,
        RunOutcome.OutputNotWritable => OutputError,
        RunOutcome.StateMismatch => StateMismatch,
        RunOutcome.StateLocked => StateLocked,
        RunOutcome.ShardsIncomplete => ShardsIncomplete,
        RunOutcome.Interrupted => Interrupted,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "every outcome has its documented exit code"),
    };
}

using Analytics.Cli.Jobs;
using Analytics.Core.Aggregation;

namespace Analytics.Cli.Analysis;

/// <summary>What happened to one input: recorded in run.json and the log. Only successful files contribute statistics.</summary>
internal sealed record FileOutcome(
    string CameraId,
    string Path,
    DateTimeOffset RecordingStart,
    string? Sha256,
    bool Succeeded,
    string? Error,
    long FramesDecoded,
    long FramesAnalysed,
    double AnalysedSeconds,
    double WallSeconds,
    int Crossings,
    FileContribution? Contribution)
{
    /// <summary>An input that was never decoded: refused before it was opened, or failed while it was read or hashed.</summary>
    public static FileOutcome NotAnalysed(JobInput input, string error, bool refused) =>
        new(input.CameraId, input.Path, input.Start, null, false, error, 0, 0, 0, 0, 0, null) { Refused = refused };

    /// <summary>Refused before it was opened (past retention, still being written, not a recording).</summary>
    public bool Refused { get; init; }

    /// <summary>Frames analysed by this run: fewer than <see cref="FramesAnalysed"/> when it resumed the file from a checkpoint.</summary>
    public long FramesAnalysedThisRun => FromState ? 0 : FramesAnalysed - FramesResumed;

    /// <summary>Frames of the checkpoint windows an earlier run completed, when this run resumed the file.</summary>
    public long FramesResumed { get; init; }

    /// <summary>Where this run resumed the file after an earlier run checkpointed it; null when analysed from its start.</summary>
    public TimeSpan? ResumedFrom { get; init; }

    /// <summary>Analysed (or failed) in an earlier run and taken from the state as it was: not opened this time.</summary>
    public bool FromState { get; init; }

    /// <summary>"ok", "failed" or "refused", as written in run.json.</summary>
    public string Status => Succeeded ? "ok" : Refused ? "refused" : "failed";
}

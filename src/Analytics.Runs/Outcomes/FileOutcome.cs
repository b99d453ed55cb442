using Analytics.Core.Aggregation;
using Analytics.Runs.Jobs;

namespace Analytics.Runs.Outcomes;

/// <summary>
/// What happened to one input: recorded in run.json and the log. Files analysed to their end contribute statistics,
/// and so does the clean part of a file whose decoding failed part-way.
/// </summary>
public sealed record FileOutcome
{
    private FileOutcome(string cameraId, string path, DateTimeOffset recordingStart, InputStatus status)
    {
        CameraId = cameraId;
        Path = path;
        RecordingStart = recordingStart;
        Status = status;
    }

    public string CameraId { get; }

    public string Path { get; init; }

    /// <summary>Wall-clock time of the file's first frame.</summary>
    public DateTimeOffset RecordingStart { get; }

    public InputStatus Status { get; init; }

    /// <summary>SHA-256 of the content analysed; null when the file was never read.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Why it failed, stopped part-way or was refused, starting with the file's path; null when analysed to its end.</summary>
    public string? Error { get; init; }

    /// <summary>Why it failed, as far as deciding when to try it again goes.</summary>
    public FailureKind FailureKind { get; init; }

    public long FramesDecoded { get; init; }

    /// <summary>Frames at the analysis rate that were tracked and counted (detected, or carried by the motion gate).</summary>
    public long FramesAnalysed { get; init; }

    /// <summary>
    /// Of the frames this run analysed, those the motion gate let through without inference (nothing moved: the
    /// last detected frame's objects carried on); 0 with the gate off, and for inputs taken from the state.
    /// </summary>
    public long FramesSkipped { get; init; }

    /// <summary>Seconds of footage analysed (the file's coverage).</summary>
    public double AnalysedSeconds { get; init; }

    public double WallSeconds { get; init; }

    public int Crossings { get; init; }

    /// <summary>What the file adds to the statistics; null unless analysed, to its end or part-way.</summary>
    public FileContribution? Contribution { get; init; }

    /// <summary>Frames of the checkpoint windows an earlier run completed, when this run resumed the file.</summary>
    public long FramesResumed { get; init; }

    /// <summary>Where this run resumed the file after an earlier run checkpointed it; null when analysed from its start.</summary>
    public TimeSpan? ResumedFrom { get; init; }

    /// <summary>Analysed (or failed) in an earlier run and taken from the state as it was: not opened this time.</summary>
    public bool FromState { get; init; }

    public bool Succeeded => Status == InputStatus.Analysed;

    /// <summary>Whether the file adds to the statistics: analysed to its end, or up to where its decoding failed.</summary>
    public bool Contributes => Contribution is not null;

    /// <summary>Frames analysed by this run: fewer than <see cref="FramesAnalysed"/> when it resumed the file from a checkpoint.</summary>
    public long FramesAnalysedThisRun => FromState ? 0 : FramesAnalysed - FramesResumed;

    /// <summary>A file analysed to its end; <paramref name="contribution"/> is what it adds to the statistics.</summary>
    public static FileOutcome Analysed(string cameraId, string path, DateTimeOffset recordingStart, string sha256, FileContribution contribution)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        return new(cameraId, path, recordingStart, InputStatus.Analysed)
        {
            Sha256 = sha256,
            Contribution = contribution,
            AnalysedSeconds = contribution.AnalysedSeconds,
            Crossings = contribution.Crossings.Values.Sum(),
        };
    }

    /// <summary>
    /// A file whose decoding failed part-way: <paramref name="contribution"/> is what its clean part adds, up to the
    /// last frame decoded; <paramref name="error"/> says where and why it stopped.
    /// </summary>
    public static FileOutcome PartlyAnalysed(string cameraId, string path, DateTimeOffset recordingStart, string sha256, FileContribution contribution, string error) =>
        Analysed(cameraId, path, recordingStart, sha256, contribution) with { Status = InputStatus.Partial, Error = error, FailureKind = FailureKind.Content };

    /// <summary>A file that failed while it was read, hashed or decoded.</summary>
    public static FileOutcome Failed(JobInput input, string error, FailureKind kind)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new(input.CameraId, input.Path, input.Start, InputStatus.Failed) { Error = error, FailureKind = kind };
    }

    /// <summary>A file refused before it was opened (past retention, still being written, not a recording).</summary>
    public static FileOutcome Refused(JobInput input, string error)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new(input.CameraId, input.Path, input.Start, InputStatus.Refused) { Error = error, FailureKind = FailureKind.Refused };
    }
}

using Analytics.Runs.Outcomes;

namespace Analytics.Runs.State;

/// <summary>What a run does with one input, given the state.</summary>
internal abstract record InputPlan
{
    /// <summary>Nothing to analyse: analysed in an earlier run, or failed then and unchanged since.</summary>
    public sealed record Known(FileOutcome Outcome) : InputPlan;

    /// <summary>Not analysed: refused, or failed before it could be opened as a video.</summary>
    public sealed record Failed(FileOutcome Outcome) : InputPlan;

    /// <summary>The same content is already in the statistics, as the recording at <paramref name="Path"/> starting at <paramref name="Start"/>: never counted twice.</summary>
    public sealed record Duplicate(string Sha256, string Path, DateTimeOffset Start) : InputPlan;

    /// <summary>Analyse it, from <paramref name="Resume"/> when an earlier run checkpointed part of it.</summary>
    public sealed record Analyse(string Sha256, FileCheckpoint? Resume, FileFingerprint Fingerprint) : InputPlan;
}

using Analytics.Runs.Outcomes;
using MessagePack;

namespace Analytics.Runs.State;

/// <summary>An input that failed, with the file's fingerprint then: it is retried only once the file has changed.</summary>
[MessagePackObject]
public sealed record FailureRecord(
    [property: Key(0)] string Path,
    [property: Key(1)] FileFingerprint Fingerprint,
    [property: Key(2)] string Reason,
    [property: Key(3)] string When)
{
    /// <summary>Why it failed; <see cref="FailureKind.Unknown"/> in records written before the kind was kept.</summary>
    [Key(4)]
    public FailureKind Kind { get; init; }
}

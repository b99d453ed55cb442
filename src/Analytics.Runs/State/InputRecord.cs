using Analytics.Runs.Jobs;
using MessagePack;

namespace Analytics.Runs.State;

/// <summary>
/// One input analysed under one <see cref="AnalysisKey"/>: its content hash and recording start (together, its
/// identity), where it was last seen, and what it contributed; <see cref="Complete"/> is false while only its first
/// <see cref="WindowsDone"/> checkpoint windows are done.
/// </summary>
[MessagePackObject]
public sealed record InputRecord(
    [property: Key(0)] string CameraId,
    [property: Key(1)] string Sha256,
    [property: Key(2)] string RecordingStart,
    [property: Key(3)] string Path,
    [property: Key(4)] bool Complete,
    [property: Key(5)] int WindowsDone,
    [property: Key(6)] long FramesAnalysed,
    [property: Key(7)] long FramesDecoded,
    [property: Key(8)] ContributionRecord Contribution,
    [property: Key(9)] string Updated)
{
    /// <summary>
    /// Why decoding stopped before the end of the file, on a complete record of a file analysed part-way (what was
    /// decoded before is its contribution); null for a file analysed to its end, and in records written before.
    /// </summary>
    [Key(10)]
    public string? DecodingStopped { get; init; }
}

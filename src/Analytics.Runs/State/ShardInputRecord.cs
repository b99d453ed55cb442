using MessagePack;

namespace Analytics.Runs.State;

/// <summary>
/// One input of a shard's last run and what became of it; an analysed input's statistics are in its
/// <see cref="InputRecord"/> (by camera, <see cref="Sha256"/> and start). <see cref="Status"/> is an
/// <see cref="Outcomes.InputStatus"/>, <see cref="FailureKind"/> an <see cref="Outcomes.FailureKind"/>.
/// </summary>
[MessagePackObject]
public sealed record ShardInputRecord(
    [property: Key(0)] string CameraId,
    [property: Key(1)] string Path,
    [property: Key(2)] long StartUtcTicks,
    [property: Key(3)] int StartOffsetMinutes,
    [property: Key(4)] int Status,
    [property: Key(5)] string? Sha256,
    [property: Key(6)] string? Error,
    [property: Key(7)] int FailureKind,
    [property: Key(8)] bool FromState,
    [property: Key(9)] long FramesDecoded,
    [property: Key(10)] long FramesAnalysed,
    [property: Key(11)] long FramesResumed,
    [property: Key(12)] double? ResumedFromSeconds,
    [property: Key(13)] double WallSeconds,
    [property: Key(14)] double AnalysedSeconds);

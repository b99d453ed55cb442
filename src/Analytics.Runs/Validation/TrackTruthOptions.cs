using Analytics.Core.Counting;
using Analytics.Core.Objects;

namespace Analytics.Runs.Validation;

/// <summary>How a tracks file (MOT) maps onto a job's camera and recording.</summary>
public sealed record TrackTruthOptions
{
    /// <summary>The class of boxes whose class column is -1 or absent.</summary>
    public ClassKey DefaultClass { get; init; } = new(ObjectClass.Pedestrian, VehicleKind.None);

    /// <summary>Truth frame f (1-based) is video frame index f − 1 + this (0-based, decode order).</summary>
    public int FrameOffset { get; init; }

    /// <summary>The camera the tracks were annotated on; null when the job has only one.</summary>
    public string? CameraId { get; init; }
}

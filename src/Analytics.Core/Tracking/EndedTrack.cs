using Analytics.Core.Objects;

namespace Analytics.Core.Tracking;

/// <summary>
/// A track that has ended, with its class decided from its whole life (<see cref="Evidence"/>). A track that ends
/// unconfirmed was noise: nothing it did is counted.
/// </summary>
public readonly record struct EndedTrack(int TrackId, ObjectClass Class, VehicleKind Kind, bool IsConfirmed)
{
    /// <summary>What its detections said about its class over its life (for joining it with other fragments of the object).</summary>
    public ClassEvidence Evidence { get; init; }
}

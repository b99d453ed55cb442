using Analytics.Core.Objects;

namespace Analytics.Core.Tracking;

/// <summary>
/// A track that has ended, with the class that won the majority over its whole life. A track that ends
/// unconfirmed was noise: nothing it did is counted.
/// </summary>
public readonly record struct EndedTrack(int TrackId, ObjectClass Class, VehicleKind Kind, bool IsConfirmed);

using Analytics.Core.Geometry;
using Analytics.Core.Objects;

namespace Analytics.Core.Tracking;

/// <summary>
/// One observation of a track kept for the look-ahead: when, the detected box it was matched with (the tracker's own
/// where it had none; what smoothing fits and joins measure), its class so far and whether it was confirmed. Frame
/// pixels; memory only.
/// </summary>
internal readonly record struct TrackSample(DateTimeOffset Time, Box Detected, ObjectClass Class, VehicleKind Kind, bool IsConfirmed);

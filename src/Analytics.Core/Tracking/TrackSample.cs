using Analytics.Core.Geometry;
using Analytics.Core.Objects;

namespace Analytics.Core.Tracking;

/// <summary>
/// One observation of a track kept for the look-ahead: when, the tracker's filtered box, the detected box it was
/// matched with (what smoothing fits), its class so far and whether it was confirmed. Frame pixels; memory only.
/// </summary>
internal readonly record struct TrackSample(DateTimeOffset Time, Box Filtered, Box Detected, ObjectClass Class, VehicleKind Kind, bool IsConfirmed);

using Analytics.Core.Geometry;

namespace Analytics.Core.Objects;

/// <summary>
/// One object found in one frame, after taxonomy and rider merging: a box in decoded-frame pixels, a confidence
/// in [0, 1], and a class. It carries no pixels and no identity.
/// </summary>
public readonly record struct DetectedObject(Box Box, float Score, ObjectClass Class, VehicleKind Kind = VehicleKind.None);

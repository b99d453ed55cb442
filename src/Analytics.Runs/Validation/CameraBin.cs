using Analytics.Core.Aggregation;

namespace Analytics.Runs.Validation;

/// <summary>One time bin of one camera: the unit the truth covers, or not.</summary>
public readonly record struct CameraBin(string CameraId, TimeBin Bin);

using Analytics.Core.Counting;

namespace Analytics.Runs.Validation;

/// <summary>
/// An annotated track crossed line number <see cref="Line"/> (an index into the camera's lines) during its step from
/// truth frame <see cref="FromFrame"/> to <see cref="ToFrame"/>, reaching the segment at <see cref="Along"/> (0 to 1)
/// of that step.
/// </summary>
public readonly record struct TrackCrossing(int Line, CrossingDirection Direction, int FromFrame, int ToFrame, float Along, ClassKey Class, int TrackId);

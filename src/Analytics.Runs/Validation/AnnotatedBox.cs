using Analytics.Core.Counting;
using Analytics.Core.Geometry;

namespace Analytics.Runs.Validation;

/// <summary>
/// One annotated box of a tracks file (MOT format): the object <see cref="TrackId"/> in the 1-based
/// <see cref="Frame"/> of the truth, in decoded-frame pixels. <see cref="Consider"/> is false for the boxes MOT
/// evaluation ignores (heavily occluded); <see cref="LineNumber"/> is where it was read, for messages.
/// </summary>
public readonly record struct AnnotatedBox(int LineNumber, int Frame, int TrackId, Box Box, bool Consider, ClassKey Class);

namespace Analytics.Vision.Motion;

/// <summary>One comparison of a frame with the motion reference (see <see cref="MotionDetector"/>).</summary>
/// <param name="Moved">Whether enough of the picture changed to be motion; always true when there is no reference yet.</param>
/// <param name="ChangedShare">Share of the compared thumbnail cells that changed by more than the noise allows, in [0, 1].</param>
/// <param name="NoiseLevel">Robust standard deviation of the cell-by-cell difference, in grey levels (0 to 255).</param>
public readonly record struct MotionReading(bool Moved, double ChangedShare, double NoiseLevel)
{
    /// <summary>No reference to compare with (the first frame, or after the reference was forgotten): counts as motion.</summary>
    public static MotionReading NoReference => new(true, 1, 0);
}

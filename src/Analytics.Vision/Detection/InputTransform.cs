using Analytics.Core.Geometry;

namespace Analytics.Vision.Detection;

/// <summary>
/// How the model's input maps back to the frame: <c>frame x = (input x − OffsetX) / ScaleX</c>, and the same for y.
/// A letterbox has one scale for both axes and an offset when centred; a stretch has a scale per axis and no offset.
/// </summary>
public readonly record struct InputTransform(float ScaleX, float ScaleY, float OffsetX, float OffsetY)
{
    /// <summary>A letterbox: one scale for both axes.</summary>
    public static InputTransform Letterbox(float scale, float offsetX, float offsetY) => new(scale, scale, offsetX, offsetY);

    public Box ToFrame(in Box input) =>
        new((input.Left - OffsetX) / ScaleX, (input.Top - OffsetY) / ScaleY, (input.Right - OffsetX) / ScaleX, (input.Bottom - OffsetY) / ScaleY);
}

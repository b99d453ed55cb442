namespace Analytics.Vision.Models;

/// <summary>How a frame is brought to the model's square input.</summary>
public enum ResizeMode
{
    /// <summary>Scaled by one factor to fit, the rest of the canvas padded (aspect ratio kept); see <see cref="LetterboxAnchor"/>.</summary>
    Letterbox,

    /// <summary>Scaled to the whole input, each axis by its own factor (aspect ratio not kept, no padding).</summary>
    Stretch,
}

namespace Analytics.Vision.Models;

/// <summary>
/// Pixel preprocessing a model was trained with. Each input value is <c>(pixel · Scale − Mean[c]) / Std[c]</c>, with
/// <c>pixel</c> in 0..255 and <c>c</c> the channel in the model's <see cref="ChannelOrder"/> (so for an RGB model,
/// <c>Mean[0]</c> is the red mean). Without <see cref="Mean"/> and <see cref="Std"/>, the value is <c>pixel · Scale</c>.
/// </summary>
/// <param name="ChannelOrder"><c>bgr</c> (as decoded) or <c>rgb</c>.</param>
/// <param name="Scale">Factor applied to the 0..255 pixel before the mean is subtracted (1/255 for 0..1 inputs).</param>
/// <param name="PadValue">Pixel value (0..255, before scale, mean and std) of the padding; letterbox only.</param>
/// <param name="Letterbox">Where the letterboxed image sits on the canvas; letterbox only.</param>
/// <param name="Resize">Letterbox (aspect kept, padded) or stretch (each axis to the input size).</param>
/// <param name="Mean">Per-channel mean, in scaled units, in the model's channel order; three values.</param>
/// <param name="Std">Per-channel standard deviation, in scaled units, in the model's channel order; three positive values.</param>
public sealed record Preprocessing(
    string ChannelOrder = "bgr",
    float Scale = 1f,
    byte PadValue = 114,
    LetterboxAnchor Letterbox = LetterboxAnchor.TopLeft,
    ResizeMode Resize = ResizeMode.Letterbox,
    IReadOnlyList<float>? Mean = null,
    IReadOnlyList<float>? Std = null)
{
    public bool SwapRedBlue => string.Equals(ChannelOrder, "rgb", StringComparison.OrdinalIgnoreCase);

    /// <summary>Mean of input channel <paramref name="channel"/> (model order); 0 when none is given.</summary>
    public float MeanOf(int channel) => Mean is null ? 0f : Mean[channel];

    /// <summary>Standard deviation of input channel <paramref name="channel"/> (model order); 1 when none is given.</summary>
    public float StdOf(int channel) => Std is null ? 1f : Std[channel];

    internal IEnumerable<string> Validate()
    {
        if (!string.Equals(ChannelOrder, "bgr", StringComparison.OrdinalIgnoreCase) && !SwapRedBlue)
        {
            yield return $"channelOrder: '{ChannelOrder}' is neither 'bgr' nor 'rgb'";
        }

        if (!float.IsFinite(Scale) || Scale <= 0f)
        {
            yield return $"scale: {Scale} is not a positive number";
        }

        if (Mean is not null && (Mean.Count != 3 || Mean.Any(m => !float.IsFinite(m))))
        {
            yield return $"mean: needs three numbers, one per input channel in channelOrder (got [{string.Join(", ", Mean)}])";
        }

        if (Std is not null && (Std.Count != 3 || Std.Any(s => !float.IsFinite(s) || s <= 0f)))
        {
            yield return $"std: needs three positive numbers, one per input channel in channelOrder (got [{string.Join(", ", Std)}])";
        }
    }
}

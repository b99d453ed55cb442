using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Vision.Models;

/// <summary>Pixel preprocessing a model was trained with.</summary>
public sealed record Preprocessing(string ChannelOrder = "bgr", float Scale = 1f, byte PadValue = 114, LetterboxAnchor Letterbox = LetterboxAnchor.TopLeft)
{
    public bool SwapRedBlue => string.Equals(ChannelOrder, "rgb", StringComparison.OrdinalIgnoreCase);
}

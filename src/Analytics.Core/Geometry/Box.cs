namespace Analytics.Core.Geometry;

/// <summary>
/// An axis-aligned box in decoded-frame pixels (y down), stored by its edges. <see cref="Anchor"/> is the
/// bottom-centre, where an object touches the ground: every counting rule uses it.
/// </summary>
public readonly record struct Box(float Left, float Top, float Right, float Bottom)
{
    public float Width => Right - Left;

    public float Height => Bottom - Top;

    public float Area => MathF.Max(0f, Width) * MathF.Max(0f, Height);

    public float CenterX => (Left + Right) * 0.5f;

    public float CenterY => (Top + Bottom) * 0.5f;

    /// <summary>Bottom-centre of the box: the object's position on the ground plane of the image.</summary>
    public Point2 Anchor => new(CenterX, Bottom);

    public static Box FromCenter(float centerX, float centerY, float width, float height) =>
        new(centerX - (width * 0.5f), centerY - (height * 0.5f), centerX + (width * 0.5f), centerY + (height * 0.5f));

    public float IntersectionArea(in Box other)
    {
        var w = MathF.Min(Right, other.Right) - MathF.Max(Left, other.Left);
        var h = MathF.Min(Bottom, other.Bottom) - MathF.Max(Top, other.Top);
        return w <= 0f || h <= 0f ? 0f : w * h;
    }

    /// <summary>Intersection over union, 0 when either box is empty.</summary>
    public float IoU(in Box other)
    {
        var intersection = IntersectionArea(other);
        var union = Area + other.Area - intersection;
        return union <= 0f ? 0f : intersection / union;
    }

    public Box Union(in Box other) =>
        new(MathF.Min(Left, other.Left), MathF.Min(Top, other.Top), MathF.Max(Right, other.Right), MathF.Max(Bottom, other.Bottom));

    public Box Scale(float factor) => new(Left * factor, Top * factor, Right * factor, Bottom * factor);

    public Box ClampTo(float width, float height) =>
        new(Math.Clamp(Left, 0f, width), Math.Clamp(Top, 0f, height), Math.Clamp(Right, 0f, width), Math.Clamp(Bottom, 0f, height));

    public override string ToString() => FormattableString.Invariant($"[{Left:0.#},{Top:0.#},{Right:0.#},{Bottom:0.#}]");
}

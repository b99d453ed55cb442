using Analytics.Core.Geometry;
using OpenCvSharp;

namespace Analytics.Vision.Video;

/// <summary>
/// The camera's privacy masks (building entrances, windows, private spaces), rasterised once for a frame size and
/// painted black onto every decoded frame <b>before</b> anything else sees it: nothing under a mask is ever analysed.
/// </summary>
public sealed class PrivacyMask : IDisposable
{
    private readonly Mat _mask;

    public PrivacyMask(IReadOnlyList<Polygon> polygons, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(polygons);
        _mask = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        var contours = polygons
            .Select(p => p.Vertices.ToArray().Select(v => new Point((int)MathF.Round(v.X), (int)MathF.Round(v.Y))).ToArray())
            .ToArray();
        Cv2.FillPoly(_mask, contours, Scalar.All(255));
        IsEmpty = polygons.Count == 0;
    }

    public bool IsEmpty { get; }

    /// <summary>The rasterised masks: 255 under a mask, 0 elsewhere (8 bits, one channel, the frame's size).</summary>
    internal Mat Raster => _mask;

    /// <summary>Blanks the masked pixels of <paramref name="frame"/> in place (BGR, same size as the mask).</summary>
    public void Apply(Mat frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!IsEmpty)
        {
            frame.SetTo(Scalar.All(0), _mask);
        }
    }

    public void Dispose() => _mask.Dispose();
}

using OpenCvSharp;

namespace Analytics.Vision.Video;

/// <summary>
/// One decoded frame (8-bit BGR, privacy masks already painted) and when it was recorded. Its pixels stay inside
/// the Vision stages: the pipeline hands it from the reader to a detector and back to its pool, and never sees or
/// writes an image. Owned by a <see cref="FramePool"/>, reused frame after frame.
/// </summary>
public sealed class VideoFrame : IDisposable
{
    internal Mat Pixels { get; } = new();

    /// <summary>Where the frame sits in its file (index, position) and on the wall clock.</summary>
    public FrameTime Time { get; internal set; }

    public int Width => Pixels.Width;

    public int Height => Pixels.Height;

    /// <summary>A copy with its own pixels (for measurements that keep frames in memory).</summary>
    public VideoFrame Clone()
    {
        var copy = new VideoFrame { Time = Time };
        Pixels.CopyTo(copy.Pixels);
        return copy;
    }

    public void Dispose() => Pixels.Dispose();
}

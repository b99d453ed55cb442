using Analytics.Core.Objects;
using Analytics.Vision.Video;

namespace Analytics.Vision.Detection;

/// <summary>
/// The Detection stage as the pipeline sees it: one instance per inference thread, with its own buffers. The real
/// one is <see cref="FrameDetector"/> (ONNX Runtime); a test harness may script the objects of each frame.
/// </summary>
public interface IFrameDetector : IDisposable
{
    /// <summary>Replaces the content of <paramref name="objects"/> with the pedestrians, cycles and vehicles of <paramref name="frame"/>, boxes in frame pixels.</summary>
    void Detect(VideoFrame frame, List<DetectedObject> objects);
}

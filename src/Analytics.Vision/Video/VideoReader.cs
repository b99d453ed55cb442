using System.Diagnostics;
using OpenCvSharp;

namespace Analytics.Vision.Video;

/// <summary>Where a frame sits in its recording: index in the file, position from the file start, and wall-clock time.</summary>
public readonly record struct FrameTime(long Index, TimeSpan Position, DateTimeOffset Timestamp);

/// <summary>
/// The Video stage: decodes one recorded file with OpenCV's FFmpeg backend, samples it at the analysis frame rate
/// and stamps each kept frame with its time (recording start + presentation time, so variable frame rate stays
/// exact). Frames that are not kept are grabbed without being retrieved (no colour conversion). Privacy masks are
/// applied before the frame is handed out.
/// </summary>
/// <remarks>
/// <see cref="Frame"/> is one reused buffer owned by the reader: it is valid until the next read and
/// must not be disposed or kept by the caller. A reader is used by one thread at a time.
/// </remarks>
public sealed class VideoReader : IDisposable
{
    private readonly VideoCapture _capture;
    private readonly PrivacyMask? _privacyMask;
    private readonly double _periodMs;
    private readonly double _toleranceMs;
    private double _nextDueMs;
    private long _grabbed;
    private double _lastPositionMs;

    static VideoReader()
    {
        // FFmpeg's own chatter ("partial file", codec notices) would interleave with our logs; errors are ours to report.
        Environment.SetEnvironmentVariable("OPENCV_LOG_LEVEL", "ERROR");
        Environment.SetEnvironmentVariable("OPENCV_FFMPEG_LOGLEVEL", "-8");
    }

    private VideoReader(string path, VideoCapture capture, DateTimeOffset recordingStart, double? analysisFps, PrivacyMask? privacyMask)
    {
        Path = path;
        _capture = capture;
        RecordingStart = recordingStart;
        SourceFps = capture.Fps > 0 ? capture.Fps : 25.0;
        Width = capture.FrameWidth;
        Height = capture.FrameHeight;
        AnnouncedFrameCount = capture.FrameCount;
        _privacyMask = privacyMask;
        var sourcePeriodMs = 1000.0 / SourceFps;
        _periodMs = analysisFps is > 0 ? Math.Max(1000.0 / analysisFps.Value, sourcePeriodMs) : sourcePeriodMs;
        _toleranceMs = sourcePeriodMs * 0.5;
        AnalysisFps = 1000.0 / _periodMs;
    }

    public string Path { get; }

    public DateTimeOffset RecordingStart { get; }

    /// <summary>Frame rate the container declares (25 if it declares none).</summary>
    public double SourceFps { get; }

    /// <summary>Frames per second actually analysed: the requested rate, capped at the source rate.</summary>
    public double AnalysisFps { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Frame count the container announces (an estimate for some formats; 0 or less when unknown).</summary>
    public int AnnouncedFrameCount { get; }

    /// <summary>Announced duration of the file, or null when the container does not say.</summary>
    public TimeSpan? AnnouncedDuration => AnnouncedFrameCount > 0 ? TimeSpan.FromSeconds(AnnouncedFrameCount / SourceFps) : null;

    /// <summary>The last frame handed out by <see cref="Read(out FrameTime)"/> (BGR, 8 bits, masked). Owned by the reader.</summary>
    public Mat Frame { get; } = new();

    /// <summary>Frames decoded so far, kept or not.</summary>
    public long FramesDecoded => _grabbed;

    /// <summary>
    /// Opens a recorded file. Throws <see cref="InputRefusedException"/> for streams, devices and pipes, and
    /// <see cref="VideoDecodeException"/> when the file is not a readable video.
    /// </summary>
    /// <param name="path">A closed video file (any container and codec the bundled FFmpeg reads).</param>
    /// <param name="recordingStart">Wall-clock time of the file's first frame.</param>
    /// <param name="analysisFps">Frames per second to analyse; null analyses every frame.</param>
    /// <param name="privacyMaskFactory">Builds the privacy mask for the decoded frame size (width, height), if any.</param>
    public static VideoReader Open(string path, DateTimeOffset recordingStart, double? analysisFps = null, Func<int, int, PrivacyMask?>? privacyMaskFactory = null)
    {
        DeferredInputPolicy.EnsureRecordedFile(path);
        if (analysisFps is <= 0 or double.NaN)
        {
            throw new ArgumentOutOfRangeException(nameof(analysisFps), analysisFps, "the analysis frame rate must be positive");
        }

        var capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        if (!capture.IsOpened() || capture.FrameWidth <= 0 || capture.FrameHeight <= 0)
        {
            capture.Dispose();
            throw new VideoDecodeException(path, 0, TimeSpan.Zero, "cannot be opened as a video (unsupported format, or a truncated or corrupt file)");
        }

        PrivacyMask? mask = null;
        try
        {
            mask = privacyMaskFactory?.Invoke(capture.FrameWidth, capture.FrameHeight);
            return new VideoReader(path, capture, recordingStart, analysisFps, mask);
        }
        catch
        {
            mask?.Dispose();
            capture.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Advances to the next frame due at the analysis rate, decoded into <see cref="Frame"/>. Returns false at the end of the file; throws
    /// <see cref="VideoDecodeException"/> when decoding stops well before the end the container announced.
    /// </summary>
    public bool Read(out FrameTime time) => Read(Frame, out time);

    /// <summary>
    /// As <see cref="Read(out FrameTime)"/>, decoding into <paramref name="destination"/> (reused when its size and
    /// type already fit) instead of <see cref="Frame"/>: lets a pipeline hand frames to another thread without a copy.
    /// </summary>
    public bool Read(Mat destination, out FrameTime time)
    {
        ArgumentNullException.ThrowIfNull(destination);
        while (_capture.Grab())
        {
            var index = _grabbed++;
            var positionMs = _capture.Get(VideoCaptureProperties.PosMsec);
            if (index > 0 && positionMs <= 0)
            {
                // Some demuxers report no presentation time; fall back to the nominal rate.
                positionMs = index * 1000.0 / SourceFps;
            }

            _lastPositionMs = positionMs;
            if (positionMs + _toleranceMs < _nextDueMs)
            {
                continue;
            }

            _nextDueMs = Math.Max(_nextDueMs + _periodMs, positionMs + _periodMs - _toleranceMs);
            if (!_capture.Retrieve(destination) || destination.Empty())
            {
                throw new VideoDecodeException(Path, index, TimeSpan.FromMilliseconds(positionMs), "a frame could not be decoded");
            }

            Debug.Assert(destination.Type() == MatType.CV_8UC3, "FFmpeg frames are retrieved as 8-bit BGR");
            _privacyMask?.Apply(destination);
            var position = TimeSpan.FromMilliseconds(positionMs);
            time = new FrameTime(index, position, RecordingStart + position);
            return true;
        }

        EnsureReachedTheEnd();
        time = default;
        return false;
    }

    public void Dispose()
    {
        Frame.Dispose();
        _privacyMask?.Dispose();
        _capture.Dispose();
    }

    private void EnsureReachedTheEnd()
    {
        // A truncated or corrupt file stops decoding early without an error from FFmpeg: compare with what the
        // container announced, allowing for estimated counts (1 % or 2 frames).
        if (AnnouncedFrameCount <= 0)
        {
            return;
        }

        var missing = AnnouncedFrameCount - _grabbed;
        if (missing > Math.Max(2, AnnouncedFrameCount / 100))
        {
            throw new VideoDecodeException(
                Path, _grabbed, TimeSpan.FromMilliseconds(_lastPositionMs),
                $"decoding stopped after {_grabbed} of the {AnnouncedFrameCount} frames the container announces: the file is truncated or corrupt");
        }
    }
}

/// <summary>A video could not be opened or decoded to its end. Names the file and the position reached.</summary>
public sealed class VideoDecodeException(string path, long framesDecoded, TimeSpan positionReached, string reason)
    : Exception(FormattableString.Invariant($"{path}: {reason} (position reached: frame {framesDecoded}, {positionReached:hh\\:mm\\:ss\\.f})"))
{
    public string InputPath { get; } = path;

    public long FramesDecoded { get; } = framesDecoded;

    public TimeSpan PositionReached { get; } = positionReached;
}

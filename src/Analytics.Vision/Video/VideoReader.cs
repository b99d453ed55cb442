using System.Diagnostics;
using OpenCvSharp;

namespace Analytics.Vision.Video;

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
    /// <summary>How far before a resume position a seek aims, so that it lands early even on a coarse index.</summary>
    private const double SeekMarginMs = 3000;

    /// <summary>
    /// Codecs (FourCC, as FFmpeg tags them) the bundled FFmpeg decodes in software. A file that opens but shows not one
    /// frame is corrupt when its codec is one of them, and in a codec the decoder lacks (AV1 among others) otherwise.
    /// </summary>
    private static readonly HashSet<string> DecodableCodecs = new(StringComparer.OrdinalIgnoreCase)
    {
        "h264", "avc1", "avc3", "x264", "hevc", "hvc1", "hev1", "h265", "vp80", "vp90", "vp09", "mp4v", "fmp4", "xvid",
        "divx", "dx50", "mpg1", "mpg2", "mpeg", "mjpg", "jpeg", "mjpa", "wmv1", "wmv2", "wmv3", "flv1", "h263", "s263", "theo",
    };

    private readonly PrivacyMask? _privacyMask;
    private readonly double _periodMs;
    private readonly double _toleranceMs;
    private readonly TimeSpan? _presentedDuration;
    private VideoCapture _capture;
    private long _lastSlot = -1;
    private long _grabbed;
    private double _lastPositionMs;
    private double _skipUntilMs = double.NegativeInfinity;
    private bool _seeked;

    static VideoReader()
    {
        // FFmpeg's own chatter ("partial file", codec notices) would interleave with our logs; errors are ours to report.
        Environment.SetEnvironmentVariable("OPENCV_LOG_LEVEL", "ERROR");
        Environment.SetEnvironmentVariable("OPENCV_FFMPEG_LOGLEVEL", "-8");
    }

    private VideoReader(string path, VideoCapture capture, DateTimeOffset recordingStart, double? analysisFps, PrivacyMask? privacyMask, TimeSpan? presentedDuration)
    {
        _presentedDuration = presentedDuration;
        Path = path;
        _capture = capture;
        RecordingStart = recordingStart;
        SourceFps = capture.Fps > 0 ? capture.Fps : 25.0;
        Width = capture.FrameWidth;
        Height = capture.FrameHeight;
        AnnouncedFrameCount = capture.FrameCount;
        Codec = capture.FourCC.Trim('\0', ' ');
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

    /// <summary>
    /// Frame count the container announces (an estimate for some formats; 0 or less when unknown). A clip with an edit
    /// list holds more samples than it shows: <see cref="AnnouncedDuration"/> is then the time it plays.
    /// </summary>
    public int AnnouncedFrameCount { get; }

    /// <summary>
    /// Announced duration of the file: for MP4 and MOV the time its video track plays (after its edit list), for other
    /// containers the announced frame count at the declared rate; null when the container does not say.
    /// </summary>
    public TimeSpan? AnnouncedDuration => _presentedDuration ?? (AnnouncedFrameCount > 0 ? TimeSpan.FromSeconds(AnnouncedFrameCount / SourceFps) : null);

    /// <summary>The video codec's FourCC as the container tags it (<c>h264</c>, <c>hevc</c>, <c>AV01</c>; empty when untagged).</summary>
    public string Codec { get; }

    /// <summary>The codec as a person knows it, for messages.</summary>
    private string CodecName => Codec.ToUpperInvariant() switch
    {
        "AV01" => "AV1",
        "" => "not named by the container",
        var other => other,
    };

    /// <summary>The last frame handed out by <see cref="Read(out FrameTime)"/> (BGR, 8 bits, masked). Owned by the reader.</summary>
    public Mat Frame { get; } = new();

    /// <summary>Whether <see cref="SkipTo"/> got there by seeking (true) or by decoding from the start.</summary>
    public bool SkippedBySeeking { get; private set; }

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
        NativeLogging.Silence();
        DeferredInputPolicy.EnsureRecordedFile(path);
        if (analysisFps is <= 0 or double.NaN)
        {
            throw new ArgumentOutOfRangeException(nameof(analysisFps), analysisFps, "the analysis frame rate must be positive");
        }

        if (MediaContainer.Refusal(path) is { } notMedia)
        {
            throw new VideoDecodeException(path, 0, TimeSpan.Zero, $"cannot be opened as a video: {notMedia}");
        }

        VideoCapture capture;
        try
        {
            capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        }
        catch (Exception e) when (e is OpenCVException or OpenCvSharpException)
        {
            throw new VideoDecodeException(path, 0, TimeSpan.Zero, $"cannot be opened as a video ({e.Message})");
        }

        if (!capture.IsOpened() || capture.FrameWidth <= 0 || capture.FrameHeight <= 0)
        {
            capture.Dispose();
            throw new VideoDecodeException(path, 0, TimeSpan.Zero, "cannot be opened as a video (unsupported format, or a truncated or corrupt file)");
        }

        PrivacyMask? mask = null;
        try
        {
            mask = privacyMaskFactory?.Invoke(capture.FrameWidth, capture.FrameHeight);
            return new VideoReader(path, capture, recordingStart, analysisFps, mask, IsoMediaTimeline.VideoDuration(path));
        }
        catch
        {
            mask?.Dispose();
            capture.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Makes the next <see cref="Read(Mat, out FrameTime)"/> return the first frame due at or after
    /// <paramref name="position"/>: exactly the frame, and the frames after it, that reading from the start would
    /// have returned (same indices, times and pixels), which lets an interrupted analysis resume mid-file. Seeks to a
    /// keyframe a little earlier when the container allows it, and decodes from the start otherwise (or when the
    /// seek lands late). Only before the first read.
    /// </summary>
    public void SkipTo(TimeSpan position)
    {
        if (_grabbed > 0 || _seeked)
        {
            throw new InvalidOperationException("SkipTo is only allowed before the first read");
        }

        _skipUntilMs = position.TotalMilliseconds;
        // Land a few seconds early: the frames before the position only re-establish which frames are due.
        var frame = (long)Math.Floor((_skipUntilMs - SeekMarginMs) / 1000.0 * SourceFps);
        if (frame > SourceFps && _capture.Set(VideoCaptureProperties.PosFrames, frame))
        {
            _grabbed = Math.Max(0, (long)_capture.Get(VideoCaptureProperties.PosFrames));
            _seeked = true;
        }
    }

    /// <summary>
    /// Advances to the next frame due at the analysis rate, decoded into <see cref="Frame"/>. Returns false at the end of the file; throws
    /// <see cref="VideoDecodeException"/> when decoding stops well before the end the container announced.
    /// </summary>
    public bool Read(out FrameTime time) => Read(Frame, out time);

    /// <summary>
    /// As <see cref="Read(out FrameTime)"/>, decoding into a pooled <paramref name="destination"/> (reused when its
    /// size already fits) and stamping it with its time: lets a pipeline hand frames to another thread without a copy.
    /// </summary>
    public bool Read(VideoFrame destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        try
        {
            var read = Read(destination.Pixels, out var time);
            destination.Time = time;
            return read;
        }
        catch (Exception e) when (e is OpenCVException or OpenCvSharpException)
        {
            // OpenCV's own exceptions never leave the Vision stages: callers see one kind of decoding failure.
            throw new VideoDecodeException(Path, _grabbed, TimeSpan.FromMilliseconds(_lastPositionMs), $"the decoder failed ({e.Message})");
        }
    }

    /// <summary>
    /// As <see cref="Read(out FrameTime)"/>, decoding into <paramref name="destination"/> (reused when its size and
    /// type already fit) instead of <see cref="Frame"/>.
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

            if (_seeked)
            {
                _seeked = false;
                if (positionMs >= _skipUntilMs - _toleranceMs)
                {
                    // Landed too late to know which frames are due: start again from the beginning.
                    Reopen();
                    continue;
                }

                SkippedBySeeking = true;
            }

            _lastPositionMs = positionMs;
            // A frame is due when it is the first in its analysis period (slot); the rule depends only on the frame's
            // own time and the one before it, so reading resumed after a seek picks the same frames.
            var slot = (long)Math.Floor((positionMs + _toleranceMs) / _periodMs);
            if (slot <= _lastSlot)
            {
                continue;
            }

            _lastSlot = slot;
            if (positionMs < _skipUntilMs)
            {
                continue;
            }

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

    private void Reopen()
    {
        _capture.Dispose();
        _capture = new VideoCapture(Path, VideoCaptureAPIs.FFMPEG);
        if (!_capture.IsOpened())
        {
            throw new VideoDecodeException(Path, 0, TimeSpan.Zero, "cannot be opened again to resume");
        }

        _grabbed = 0;
        _lastSlot = -1;
    }

    public void Dispose()
    {
        Frame.Dispose();
        _privacyMask?.Dispose();
        _capture.Dispose();
    }

    private void EnsureReachedTheEnd()
    {
        // A truncated or corrupt file stops decoding early without an error from FFmpeg: compare where the decoder
        // stopped with the end the container announces. MP4 and MOV say how long their video plays (edit lists
        // included), so the last frame's time is compared with it; other containers announce a frame count (an
        // estimate for some), so the frames decoded are compared with it, allowing 1 % or 2 frames.
        if (_presentedDuration is { } presented)
        {
            var periodMs = 1000.0 / SourceFps;
            var reachedMs = _grabbed == 0 ? 0 : _lastPositionMs + periodMs;
            if (reachedMs < presented.TotalMilliseconds - Math.Max(2 * periodMs, presented.TotalMilliseconds / 100))
            {
                throw Stopped(FormattableString.Invariant($"decoding stopped at {TimeSpan.FromMilliseconds(reachedMs):hh\\:mm\\:ss\\.f} of the {presented:hh\\:mm\\:ss\\.f} the container announces"));
            }

            return;
        }

        if (AnnouncedFrameCount <= 0)
        {
            return;
        }

        var missing = AnnouncedFrameCount - _grabbed;
        if (missing > Math.Max(2, AnnouncedFrameCount / 100))
        {
            throw Stopped($"decoding stopped after {_grabbed} of the {AnnouncedFrameCount} frames the container announces");
        }
    }

    private VideoDecodeException Stopped(string where) =>
        _grabbed == 0 && !DecodableCodecs.Contains(Codec)
            ? new VideoDecodeException(Path, 0, TimeSpan.Zero, $"its video codec ({CodecName}) cannot be decoded by the bundled FFmpeg: the codec is not supported (re-encode the recording, e.g. to H.264)")
            : new VideoDecodeException(Path, _grabbed, TimeSpan.FromMilliseconds(_lastPositionMs), $"{where}: the file is truncated or corrupt");
}

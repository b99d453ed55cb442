using Analytics.Core.Geometry;
using Analytics.Tests.Shared;
using Analytics.Vision.Motion;
using Analytics.Vision.Video;
using BenchmarkDotNet.Attributes;
using OpenCvSharp;

namespace Analytics.Benchmarks.Motion;

/// <summary>
/// What the motion gate's picture difference costs per analysed frame (it runs on every one, detected or skipped),
/// at the archive's sizes: two PETS frames a second apart, scaled to each size, compared as the gate compares a frame
/// with its reference; with and without a privacy mask (the plaza's, scaled), and the mask's blanking alone, which
/// the reader does to every analysed frame. <c>--filter '*MotionGate*'</c>.
/// </summary>
[MemoryDiagnoser]
public class MotionGateBenchmarks : IDisposable
{
    private readonly Mat _reference = new();
    private readonly Mat _current = new();
    private MotionDetector _detector = null!;
    private PrivacyMask _mask = null!;
    private GreyThumbnail _thumbnail = null!;
    private byte[] _cells = [];

    [Params("480x360", "768x432", "1280x720", "1440x1080", "1920x1080")]
    public string Resolution { get; set; } = "480x360";

    [Params(false, true)]
    public bool Masked { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var parts = Resolution.Split('x');
        var size = new Size(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        using var capture = new VideoCapture(RepositoryPaths.SampleVideo("pets09_s2l1_vtest_480x360.mp4"), VideoCaptureAPIs.FFMPEG);
        using var frame = new Mat();
        for (var i = 0; i <= 10 && capture.Read(frame); i++)
        {
            if (i == 0)
            {
                Cv2.Resize(frame, _reference, size, 0, 0, InterpolationFlags.Linear);
            }
        }

        Cv2.Resize(frame, _current, size, 0, 0, InterpolationFlags.Linear);
        double x = size.Width / 480.0, y = size.Height / 360.0;
        IReadOnlyList<Polygon> masks = Masked
            ? [new Polygon([new Point2(0, 0), new Point2((float)(120 * x), 0), new Point2((float)(120 * x), (float)(90 * y)), new Point2(0, (float)(90 * y))])]
            : [];
        _mask = new PrivacyMask(masks, size.Width, size.Height);
        _detector = new MotionDetector(size.Width, size.Height, masks);
        var (width, height) = _detector.Thumbnail;
        _thumbnail = new GreyThumbnail(size.Width, size.Height, width, height);
        _cells = new byte[width * height];
        _detector.Measure(_reference);
        _detector.KeepAsReference();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _mask.Dispose();
        _reference.Dispose();
        _current.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>One frame compared with the reference (thumbnail, exposure matching, noise, changed cells).</summary>
    [Benchmark]
    public bool Measure() => _detector.Measure(_current).Moved;

    /// <summary>The frame's thumbnail alone (the rest of <see cref="Measure"/> is the comparison of two thumbnails).</summary>
    [Benchmark]
    public void Thumbnail() => _thumbnail.Fill(_current, _cells);

    /// <summary>The privacy mask blanked on one frame, as the reader does before handing it out.</summary>
    [Benchmark]
    public void BlankMask() => _mask.Apply(_current);
}

using Analytics.Core.Geometry;
using Analytics.Vision.Motion;
using OpenCvSharp;

namespace Analytics.Vision.Tests.Motion;

/// <summary>
/// The motion gate's picture difference on synthetic frames: what changes a still picture without anything moving
/// (sensor noise, compression flicker, auto-exposure drift) is not motion; a small object moving is, at standard
/// definition and at full HD alike.
/// </summary>
public sealed class MotionDetectorTests
{
    public static TheoryData<int, int> Sizes => new()
    {
        { 480, 360 },
        { 768, 432 },
        { 1280, 720 },
        { 1440, 1080 },
        { 640, 360 },
        { 1920, 1080 },
    };

    /// <summary>A still, CCTV-like picture: a vertical gradient (sky to ground) with blocks of other greys and colours (buildings, road marks).</summary>
    private static Mat Background(int width, int height)
    {
        var frame = new Mat(height, width, MatType.CV_8UC3);
        for (var y = 0; y < height; y++)
        {
            var level = 60 + (140 * y / height);
            Cv2.Line(frame, new Point(0, y), new Point(width - 1, y), new Scalar(level, level + 5, level - 5));
        }

        var block = Math.Max(8, width / 40);
        for (var i = 0; i < 60; i++)
        {
            var x = (i * 7919) % (width - block);
            var y = (i * 104729) % (height - block);
            var grey = 30 + ((i * 53) % 170);
            Cv2.Rectangle(frame, new Rect(x, y, block, block / 2), new Scalar(grey, grey, 255 - grey), -1);
        }

        return frame;
    }

    /// <summary>The picture as the camera delivers it: exposure (gain, offset), sensor noise, then a JPEG-like compression at <paramref name="quality"/>.</summary>
    private static Mat Shot(Mat scene, int seed, double noise = 4, double gain = 1, double offset = 0, int quality = 60)
    {
        using var exposed = new Mat();
        scene.ConvertTo(exposed, MatType.CV_16SC3, gain, offset);
        using var grain = new Mat(scene.Size(), MatType.CV_16SC3);
        Cv2.SetTheRNG((ulong)seed);
        Cv2.Randn(grain, Scalar.All(0), Scalar.All(noise));
        using var noisy = new Mat();
        Cv2.Add(exposed, grain, noisy);
        using var pixels = new Mat();
        noisy.ConvertTo(pixels, MatType.CV_8UC3);
        Cv2.ImEncode(".jpg", pixels, out var compressed, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        return Cv2.ImDecode(compressed, ImreadModes.Color);
    }

    /// <summary>A dark figure the size of a distant pedestrian: 2.5 % of the frame's width by 8 % of its height (12 x 30 at 480 x 360).</summary>
    private static Mat WithFigure(Mat scene, int x)
    {
        var frame = scene.Clone();
        var (width, height) = (scene.Width * 25 / 1000, scene.Height * 8 / 100);
        Cv2.Rectangle(frame, new Rect(x, scene.Height * 6 / 10, width, height), new Scalar(35, 30, 40), -1);
        return frame;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Noise_compression_flicker_and_exposure_drift_are_not_motion(int width, int height)
    {
        using var scene = Background(width, height);
        var detector = new MotionDetector(width, height);
        using (var first = Shot(scene, seed: 1))
        {
            Assert.True(detector.Measure(first).Moved, "no reference yet: the first frame counts as motion");
            detector.KeepAsReference();
        }

        // Ten frames drifting away from the reference (up to +12 % gain and +5 grey levels, more than a second of slow
        // exposure drift), each with its own noise and compressed at another quality: the reference is never renewed.
        for (var i = 1; i <= 10; i++)
        {
            using var frame = Shot(scene, seed: 1 + i, gain: 1 + (0.012 * i), offset: i / 2.0, quality: i % 2 == 0 ? 35 : 75);
            var reading = detector.Measure(frame);
            Assert.False(reading.Moved, $"frame {i}: {reading}");
        }

        // The other way, at once: the picture darkening (auto-exposure after a bright car went by).
        using var darker = Shot(scene, seed: 42, gain: 0.85, offset: -6, quality: 40);
        Assert.False(detector.Measure(darker).Moved);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void A_small_figure_moving_is_motion_and_standing_still_is_not(int width, int height)
    {
        using var scene = Background(width, height);
        using var standing = WithFigure(scene, width / 3);
        using var stepped = WithFigure(scene, (width / 3) + (width / 80)); // a step: 6 pixels at 480, 24 at 1920
        var detector = new MotionDetector(width, height);
        using (var reference = Shot(standing, seed: 1))
        {
            detector.Measure(reference);
            detector.KeepAsReference();
        }

        using (var still = Shot(standing, seed: 2, gain: 1.05, quality: 40))
        {
            Assert.False(detector.Measure(still).Moved, "the same figure, standing, in another frame's noise");
        }

        using var moved = Shot(stepped, seed: 3, gain: 1.05, quality: 40);
        var reading = detector.Measure(moved);
        Assert.True(reading.Moved, reading.ToString());
        Assert.InRange(reading.ChangedShare, 0, 0.01); // a small patch of the picture, not the whole of it
    }

    [Fact]
    public void A_figure_appearing_is_motion()
    {
        using var scene = Background(480, 360);
        var detector = new MotionDetector(480, 360);
        using var empty = Shot(scene, seed: 1);
        detector.Measure(empty);
        detector.KeepAsReference();

        using var arrived = WithFigure(scene, 20);
        using var shot = Shot(arrived, seed: 2);
        Assert.True(detector.Measure(shot).Moved);
    }

    [Fact]
    public void What_moves_under_a_privacy_mask_is_never_motion()
    {
        using var scene = Background(480, 360);
        var mask = new Polygon([new Point2(100, 150), new Point2(300, 150), new Point2(300, 300), new Point2(100, 300)]);
        var detector = new MotionDetector(480, 360, [mask]);
        using (var before = WithFigure(scene, 160))
        using (var shot = Shot(before, seed: 1))
        {
            detector.Measure(shot);
            detector.KeepAsReference();
        }

        // The pipeline paints masks black before anything sees a frame; here the figure moves inside the masked area
        // without being painted, and still does not count.
        using (var after = WithFigure(scene, 200))
        using (var shot = Shot(after, seed: 2))
        {
            Assert.False(detector.Measure(shot).Moved);
        }

        using var outside = WithFigure(scene, 360);
        using var seen = Shot(outside, seed: 3);
        Assert.True(detector.Measure(seen).Moved);
    }

    [Fact]
    public void Without_a_reference_every_frame_is_motion_and_the_reference_is_the_frame_kept_last()
    {
        using var scene = Background(320, 240);
        using var frame = Shot(scene, seed: 1);
        var detector = new MotionDetector(320, 240);

        Assert.Equal(MotionReading.NoReference, detector.Measure(frame));
        detector.KeepAsReference();
        Assert.False(detector.Measure(frame).Moved);
        Assert.Throws<InvalidOperationException>(() => { detector.KeepAsReference(); detector.KeepAsReference(); });

        detector.Forget();
        Assert.True(detector.Measure(frame).Moved);
        Assert.Equal((160, 120), detector.Thumbnail);
    }

    [Fact]
    public void A_frame_of_another_size_is_refused()
    {
        var detector = new MotionDetector(320, 240);
        using var frame = new Mat(120, 160, MatType.CV_8UC3, Scalar.All(0));
        Assert.Throws<ArgumentException>(() => detector.Measure(frame));
    }
}

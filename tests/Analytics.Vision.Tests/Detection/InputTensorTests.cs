using Analytics.Core.Geometry;
using Analytics.Vision.Detection;
using Analytics.Vision.Models;
using OpenCvSharp;

namespace Analytics.Vision.Tests.Detection;

public sealed class InputTensorTests
{
    private const int Size = 64;

    [Fact]
    public void A_wide_frame_is_scaled_and_pasted_top_left_on_a_114_canvas_in_bgr_planes()
    {
        // 128x64 frame of BGR (10, 20, 30): r = 0.5, the image fills rows 0..31, padding below.
        using var frame = new Mat(64, 128, MatType.CV_8UC3, new Scalar(10, 20, 30));
        using var letterbox = new InputTensor(Size, new Preprocessing());

        var transform = letterbox.Fill(frame);

        Assert.Equal(InputTransform.Letterbox(0.5f, 0, 0), transform);
        Assert.Equal(10f, At(letterbox, channel: 0, x: 5, y: 5));
        Assert.Equal(20f, At(letterbox, channel: 1, x: 63, y: 31));
        Assert.Equal(30f, At(letterbox, channel: 2, x: 0, y: 0));
        Assert.Equal(114f, At(letterbox, channel: 0, x: 5, y: 32));
        Assert.Equal(114f, At(letterbox, channel: 2, x: 63, y: 63));
        Assert.Equal(new Box(20, 10, 40, 30), transform.ToFrame(new Box(10, 5, 20, 15)));
    }

    [Fact]
    public void Rgb_scaled_and_centred_preprocessing_follows_the_manifest()
    {
        using var frame = new Mat(64, 32, MatType.CV_8UC3, new Scalar(0, 0, 255)); // tall, pure red in BGR
        using var letterbox = new InputTensor(Size, new Preprocessing("rgb", 1f / 255f, 114, LetterboxAnchor.Center));

        var transform = letterbox.Fill(frame);

        Assert.Equal(InputTransform.Letterbox(1f, 16, 0), transform);
        Assert.Equal(1f, At(letterbox, channel: 0, x: 16, y: 0), 1e-6f);   // R plane first
        Assert.Equal(0f, At(letterbox, channel: 2, x: 47, y: 63), 1e-6f);
        Assert.Equal(114f / 255f, At(letterbox, channel: 0, x: 15, y: 10), 1e-6f); // left padding
        Assert.Equal(114f / 255f, At(letterbox, channel: 1, x: 48, y: 10), 1e-6f); // right padding
        Assert.Equal(new Box(0, 0, 10, 10), transform.ToFrame(new Box(16, 0, 26, 10)));
    }

    [Fact]
    public void Padding_is_rewritten_when_the_frame_size_changes()
    {
        using var letterbox = new InputTensor(Size, new Preprocessing());
        using var square = new Mat(64, 64, MatType.CV_8UC3, Scalar.All(1));
        using var wide = new Mat(32, 64, MatType.CV_8UC3, Scalar.All(2));

        letterbox.Fill(square);
        letterbox.Fill(wide);

        Assert.Equal(2f, At(letterbox, 0, 0, 31));
        Assert.Equal(114f, At(letterbox, 0, 0, 32)); // was 1 from the square frame
    }

    [Fact]
    public void Stretch_fills_the_whole_input_in_rgb_with_mean_and_std_per_channel()
    {
        // PP-PicoDet's preprocessing on a 128x32 frame of BGR (30, 20, 10): no padding, each axis scaled on its own,
        // value = (pixel − mean) / std in RGB order.
        using var frame = new Mat(32, 128, MatType.CV_8UC3, new Scalar(30, 20, 10));
        var picodet = new Preprocessing("rgb", Resize: ResizeMode.Stretch, Mean: [123.675f, 116.28f, 103.53f], Std: [58.395f, 57.12f, 57.375f]);
        using var input = new InputTensor(Size, picodet);

        var transform = input.Fill(frame);

        Assert.Equal(new InputTransform(0.5f, 2f, 0, 0), transform);
        foreach (var (x, y) in new[] { (0, 0), (63, 63), (10, 50) })
        {
            Assert.Equal((10f - 123.675f) / 58.395f, At(input, channel: 0, x, y), 1e-5f); // red
            Assert.Equal((20f - 116.28f) / 57.12f, At(input, channel: 1, x, y), 1e-5f);
            Assert.Equal((30f - 103.53f) / 57.375f, At(input, channel: 2, x, y), 1e-5f); // blue
        }

        Assert.Equal(new Box(20, 5, 40, 15), transform.ToFrame(new Box(10, 10, 20, 30)));
    }

    [Fact]
    public void Letterbox_padding_is_normalised_like_the_pixels()
    {
        using var frame = new Mat(32, 64, MatType.CV_8UC3, Scalar.All(0));
        using var input = new InputTensor(Size, new Preprocessing(PadValue: 100, Mean: [10f, 20f, 30f], Std: [2f, 4f, 5f]));

        input.Fill(frame);

        Assert.Equal(-5f, At(input, channel: 0, x: 0, y: 0));     // (0 − 10) / 2
        Assert.Equal(45f, At(input, channel: 0, x: 0, y: 40));    // (100 − 10) / 2, below the image
        Assert.Equal(20f, At(input, channel: 1, x: 0, y: 40));    // (100 − 20) / 4
        Assert.Equal(14f, At(input, channel: 2, x: 63, y: 63));   // (100 − 30) / 5
    }

    private static float At(InputTensor letterbox, int channel, int x, int y) => letterbox.Tensor[(channel * Size * Size) + (y * Size) + x];
}

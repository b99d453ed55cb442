using Analytics.Vision.Motion;
using OpenCvSharp;

namespace Analytics.Vision.Tests.Motion;

/// <summary>The motion gate's thumbnail: each cell the grey mean of its block of whole pixels, blocks tiling the frame.</summary>
public sealed class GreyThumbnailTests
{
    /// <summary>A frame of random colours (a fixed seed).</summary>
    private static Mat Noise(int width, int height)
    {
        var frame = new Mat(height, width, MatType.CV_8UC3);
        Cv2.SetTheRNG(7);
        Cv2.Randu(frame, Scalar.All(0), Scalar.All(256));
        return frame;
    }

    [Theory]
    [InlineData(480, 360, 160, 120)]
    [InlineData(640, 360, 160, 90)]
    [InlineData(1280, 720, 160, 90)]
    public void A_frame_of_whole_blocks_gives_the_grey_mean_of_each_block_as_an_area_reduction_does(int width, int height, int cellsWide, int cellsHigh)
    {
        using var frame = Noise(width, height);
        var cells = new byte[cellsWide * cellsHigh];
        new GreyThumbnail(width, height, cellsWide, cellsHigh).Fill(frame, cells);

        using var grey = new Mat();
        using var expected = new Mat();
        Cv2.CvtColor(frame, grey, ColorConversionCodes.BGR2GRAY);
        Cv2.Resize(grey, expected, new Size(cellsWide, cellsHigh), 0, 0, InterpolationFlags.Area);
        expected.GetArray(out byte[] means);
        var worst = cells.Zip(means, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst <= 1, $"a cell differs from its block's grey mean by {worst} levels"); // rounding of the grey per pixel
    }

    [Fact]
    public void Blocks_of_fractional_size_tile_the_frame_on_whole_pixels_every_pixel_in_exactly_one_cell()
    {
        // 768 x 432 in 160 x 90: blocks of 4 and 5 pixels (4.8 on average). A lone white pixel lights its own cell only.
        var thumbnail = new GreyThumbnail(768, 432, 160, 90);
        var cells = new byte[160 * 90];
        using var frame = new Mat(432, 768, MatType.CV_8UC3, Scalar.All(0));
        foreach (var (x, y) in new[] { (0, 0), (4, 4), (5, 5), (767, 431), (383, 215), (384, 216) })
        {
            frame.SetTo(Scalar.All(0));
            frame.Set(y, x, new Vec3b(255, 255, 255));
            thumbnail.Fill(frame, cells);
            var lit = Enumerable.Range(0, cells.Length).Where(i => cells[i] > 0).ToArray();
            var expected = (y * 90 / 432 * 160) + (x * 160 / 768);
            Assert.Equal([expected], lit);
            Assert.InRange(cells[expected], 255 / 25, (255 / 16) + 1); // the mean of a block of 16 to 25 pixels
        }
    }

    [Fact]
    public void Large_blocks_are_read_at_four_by_four_pixels_spread_over_them()
    {
        // 1920 x 1080 in 160 x 90: 12 x 12 blocks, read at columns and rows 1, 4, 7, 10 of each. A uniform frame keeps
        // its grey; a block three quarters white reads three quarters white (the samples spread over all of it),
        // whichever side is white.
        var thumbnail = new GreyThumbnail(1920, 1080, 160, 90);
        var cells = new byte[160 * 90];
        using var frame = new Mat(1080, 1920, MatType.CV_8UC3, new Scalar(40, 120, 200));
        thumbnail.Fill(frame, cells);
        Assert.All(cells, c => Assert.Equal(Math.Round((0.114 * 40) + (0.587 * 120) + (0.299 * 200)), c));

        frame.SetTo(Scalar.All(0));
        frame[new Rect(0, 0, 9, 12)].SetTo(Scalar.All(255));
        frame[new Rect(15, 12, 9, 12)].SetTo(Scalar.All(255));
        thumbnail.Fill(frame, cells);
        Assert.Equal(191, cells[0]);
        Assert.Equal(191, cells[160 + 1]);
        Assert.Equal(2, cells.Count(c => c > 0));
    }

    [Fact]
    public void A_cell_is_covered_when_any_pixel_of_its_block_is()
    {
        var thumbnail = new GreyThumbnail(768, 432, 160, 90);
        using var raster = new Mat(432, 768, MatType.CV_8UC1, Scalar.All(0));
        raster.Set(216, 384, (byte)255); // cell (80, 45)
        raster[new Rect(0, 0, 5, 5)].SetTo(Scalar.All(255)); // the first block (5 x 5) and nothing more
        var covered = thumbnail.Covered(raster);
        Assert.Equal([0, (45 * 160) + 80], Enumerable.Range(0, covered.Length).Where(i => covered[i]).ToArray());
    }

    [Fact]
    public void A_frame_of_another_size_or_type_is_refused()
    {
        var thumbnail = new GreyThumbnail(480, 360, 160, 120);
        var cells = new byte[160 * 120];
        using var small = new Mat(240, 320, MatType.CV_8UC3, Scalar.All(0));
        using var grey = new Mat(360, 480, MatType.CV_8UC1, Scalar.All(0));
        Assert.Throws<ArgumentException>(() => thumbnail.Fill(small, cells));
        Assert.Throws<ArgumentException>(() => thumbnail.Fill(grey, cells));
        using var colour = grey.CvtColor(ColorConversionCodes.GRAY2BGR);
        Assert.Throws<ArgumentException>(() => thumbnail.Fill(colour, new byte[10]));
    }
}

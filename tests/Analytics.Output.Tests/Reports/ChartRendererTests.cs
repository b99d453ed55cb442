using Analytics.Output.Reports;
using SkiaSharp;

namespace Analytics.Output.Tests.Reports;

/// <summary>The drawing itself, on the images: text is drawn (a font was found), and a gap is drawn differently from a zero.</summary>
public sealed class ChartRendererTests
{
    private static readonly AxisTick[] Ticks = [new(0, "08:00"), new(1, "09:00")];

    private static BarChart Chart(string title, IReadOnlyList<FootageGap>? gaps = null) =>
        new(title, "local time", "crossings per bin", [new StackedBar(0.125, 0.2, [new BarSegment("pedestrian", 3)], HasHidden: false)], gaps ?? [], Ticks, 0, 1.25);

    /// <summary>Dark pixels (text, axes, frames) in the rows <paramref name="top"/> to <paramref name="bottom"/> of a PNG.</summary>
    private static int DarkPixels(byte[] png, int top, int bottom)
    {
        using var picture = SKBitmap.Decode(png);
        var dark = 0;
        for (var y = top; y < Math.Min(bottom, picture.Height); y++)
        {
            for (var x = 0; x < picture.Width; x++)
            {
                var p = picture.GetPixel(x, y);
                dark += p.Red + p.Green + p.Blue < 450 ? 1 : 0; // text (black, or the gap label's grey), not the light shading
            }
        }

        return dark;
    }

    [Fact]
    public void Titles_are_drawn_in_an_installed_font()
    {
        var short_ = ChartRenderer.Render(Chart("a"), ReportText.English);
        var long_ = ChartRenderer.Render(Chart("a much longer title over the chart"), ReportText.English);

        // Without a font (fonts-dejavu-core missing) no glyph is drawn and both title bands would be blank alike.
        Assert.InRange(DarkPixels(short_, 0, 35), 1, int.MaxValue);
        Assert.True(DarkPixels(long_, 0, 35) > 3 * DarkPixels(short_, 0, 35), "the longer title does not draw more text");
        using var picture = SKBitmap.Decode(long_);
        Assert.Equal((ChartRenderer.Width, ChartRenderer.Height), (picture.Width, picture.Height));
    }

    [Fact]
    public void A_gap_without_footage_is_drawn_shaded_and_labelled()
    {
        var plain = ChartRenderer.Render(Chart("t"), ReportText.English);
        var gapped = ChartRenderer.Render(Chart("t", [new FootageGap(0.5, 1.0)]), ReportText.English);

        Assert.NotEqual(plain, gapped);
        Assert.True(DarkPixels(gapped, 40, ChartRenderer.Height - 60) > DarkPixels(plain, 40, ChartRenderer.Height - 60), "the gap's label is not drawn");
    }
}

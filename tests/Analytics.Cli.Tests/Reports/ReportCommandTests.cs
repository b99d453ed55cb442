using System.Text.RegularExpressions;
using Analytics.Cli.Tests.Analysis;
using Analytics.Tests.Shared;
using SkiaSharp;

namespace Analytics.Cli.Tests.Reports;

/// <summary>
/// <c>analytics report</c> on a real run (the one-by-one clip, real model): one self-contained HTML file and its
/// charts as PNG files, opened in a real browser (headless Chromium) that must show the camera, the section titles
/// and pictures, not a blank page.
/// </summary>
[Collection(OneByOneRun.Collection)]
public sealed partial class ReportCommandTests : IDisposable
{
    private readonly OneByOneRun _run;
    private readonly TemporaryFolder _folder = new("analytics-report-");

    public ReportCommandTests(OneByOneRun run) => _run = run;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_french_report_renders_in_chromium_with_the_camera_the_sections_and_charts()
    {
        var html = _folder["rapport.html"];
        var (exitCode, output) = await CliRunner.RunExactlyAsync("report", "--results", _run.Output, "--out", html, "--lang", "fr");
        Assert.True(exitCode == 0, output);

        var screenshot = _folder["screenshot.png"];
        var dom = await HeadlessChromium.RenderAsync(html, screenshot, _folder["chromium-profile"]);

        var text = Regex.Replace(Regex.Replace(dom, "<[^>]+>", " "), @"\s+", " ");
        foreach (var title in new[] { "Rapport de statistiques de flux", "Responsabilité du traitement", "Secret statistique", "Fichiers d'entrée", "Caméra room", "Couverture", "Franchissements de lignes", "Profil journalier", "Zones", "Origine–destination" })
        {
            Assert.Contains(title, text, StringComparison.Ordinal);
        }

        Assert.Contains("695e750a5d5754bb5a8d5325643b59282191a7e7a564e435a415fd3c578eab14", text, StringComparison.Ordinal);
        using var picture = SKBitmap.Decode(screenshot);
        Assert.Equal((1100, 2400), (picture.Width, picture.Height));
        var (mean, deviation) = Brightness(picture);
        // A blank page is one colour (deviation 0); text, tables and charts spread the brightness widely.
        Assert.True(deviation > 25, $"the screenshot looks blank: brightness {mean:0.0} ± {deviation:0.0}");
        Assert.InRange(mean, 150, 250); // a white page with dark text and coloured charts, not a black or error screen
    }

    [Fact]
    public async Task The_report_is_one_self_contained_file_with_its_charts_also_written_beside_it()
    {
        var (exitCode, output) = await CliRunner.RunExactlyAsync("report", "--results", _run.Output, "--out", _folder["report.html"]);
        Assert.True(exitCode == 0, output);

        var html = File.ReadAllText(_folder["report.html"]);
        var embedded = Regex.Matches(html, "<img [^>]*src=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        var charts = Directory.GetFiles(_folder["report-charts"], "*.png").Order(StringComparer.Ordinal).ToList();

        Assert.DoesNotMatch("(?i)<script|<link|@import|url\\(|https?://", html);
        Assert.All(embedded, src => Assert.StartsWith("data:image/png;base64,", src, StringComparison.Ordinal));
        // coverage, the exit line's two directions, the daily profile, the table zone's occupancy and entries
        Assert.Equal(6, charts.Count);
        Assert.Equal(charts.Select(File.ReadAllBytes).Select(Convert.ToBase64String), embedded.Select(src => src["data:image/png;base64,".Length..]));
        Assert.Contains("Camera room", html, StringComparison.Ordinal);
        Assert.Contains("1 input(s), every one analysed.", html, StringComparison.Ordinal);
        Assert.Contains($"Report: {_folder["report.html"]} (6 chart(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_a_dataset_is_exit_code_8_and_writes_nothing()
    {
        var (exitCode, output) = await CliRunner.RunExactlyAsync("report", "--results", _folder.Path, "--out", _folder["report.html"]);

        Assert.Equal(9, exitCode);
        Assert.StartsWith($"report: the results folder {_folder.Path} holds no dataset", output, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder["report.html"]));
    }

    private static (double Mean, double Deviation) Brightness(SKBitmap picture)
    {
        var values = new List<double>(picture.Width * picture.Height / 16);
        for (var y = 0; y < picture.Height; y += 4)
        {
            for (var x = 0; x < picture.Width; x += 4)
            {
                var pixel = picture.GetPixel(x, y);
                values.Add((0.299 * pixel.Red) + (0.587 * pixel.Green) + (0.114 * pixel.Blue));
            }
        }

        var mean = values.Average();
        return (mean, Math.Sqrt(values.Average(v => (v - mean) * (v - mean))));
    }
}

using System.Diagnostics;

namespace Analytics.Cli.Tests.Reports;

/// <summary>
/// Debian's <c>chromium</c> in headless mode (./setup.sh installs it): renders a page as a person's browser would,
/// takes a screenshot and prints the DOM it built, in one run.
/// </summary>
internal static class HeadlessChromium
{
    public static string Executable { get; } =
        new[] { "chromium", "chromium-browser" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(folder => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Debian's chromium is not installed (./setup.sh installs it: apt-get install chromium)");

    /// <summary>Opens <paramref name="page"/>, writes a screenshot of the first <paramref name="height"/> pixels to <paramref name="screenshot"/>, and returns the DOM.</summary>
    public static async Task<string> RenderAsync(string page, string screenshot, string profile, int width = 1100, int height = 2400)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
            $"--user-data-dir={profile}", $"--window-size={width},{height}", $"--screenshot={screenshot}", "--dump-dom", new Uri(page).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var dom = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {await errors}");
        return await dom;
    }
}

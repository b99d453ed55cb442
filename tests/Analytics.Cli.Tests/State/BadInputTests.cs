using System.Text.Json;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.State;

/// <summary>
/// A recording the run may not read, end to end: reported as denied, not retried while nothing changes, retried
/// once it can be read. Only a child process can be denied a file (permissions do not bind root, which these tests
/// may run as; the child then runs as the unprivileged user "nobody"). Every other kind of bad input is a test of
/// the library (Analytics.Runs.Tests, State/BadInputTests).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BadInputTests : IDisposable
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(1));

    private readonly TemporaryFolder _folder = new("analytics-bad-");

    public void Dispose() => _folder.Dispose();

    private async Task<(int ExitCode, string Output, Dictionary<string, (string Status, string? Error, bool ThisRun)> Inputs)> RunNightAsync(string job)
    {
        var wrapper = Environment.UserName == "root" ? new[] { "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups" } : null;
        var output = _folder["out"];
        var (exitCode, log) = await CliProcess.RunAsync(["analyse", "--job", job, "--out", output, "--state", _folder["state"], "--analysis-fps", "3", "--workers", "1"], wrapper);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run.json")));
        var inputs = report.RootElement.GetProperty("inputs").EnumerateArray().ToDictionary(
            i => Path.GetFileName(i.GetProperty("path").GetString()!),
            i => (i.GetProperty("status").GetString()!, i.GetProperty("error").GetString(), i.GetProperty("analysed_in_this_run").GetBoolean()));
        return (exitCode, log, inputs);
    }

    [Fact]
    public async Task An_unreadable_recording_is_reported_as_denied_not_retried_unchanged_and_retried_once_readable()
    {
        var archive = _folder["archive"];
        var good = SyntheticVideo.Write(Path.Combine(archive, "2026-11-20_1000.mp4"), seconds: 2, shade: 1);
        var unreadable = SyntheticVideo.Write(Path.Combine(archive, "2026-11-20_1001.mp4"), seconds: 2, shade: 2);
        File.SetUnixFileMode(unreadable, UnixFileMode.None);
        foreach (var folder in new[] { _folder.Path, archive })
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        }

        var job = CliRunner.WriteJob(_folder.Path, SampleCameras.Synthetic((good, Morning), (unreadable, Morning.AddMinutes(1))));

        var (exitCode, log, inputs) = await RunNightAsync(job);
        Assert.True(exitCode == 1, log);
        Assert.Equal("ok", inputs["2026-11-20_1000.mp4"].Status);
        Assert.Equal("failed", inputs["2026-11-20_1001.mp4"].Status);
        Assert.Contains("denied", inputs["2026-11-20_1001.mp4"].Error, StringComparison.OrdinalIgnoreCase);

        // The next night: nothing changed, nothing is retried.
        (exitCode, log, inputs) = await RunNightAsync(job);
        Assert.True(exitCode == 0, log);
        Assert.All(inputs.Values, i => Assert.False(i.ThisRun));
        Assert.Contains("retried once the file changes", inputs["2026-11-20_1001.mp4"].Error, StringComparison.Ordinal);
        Assert.Contains("not retried", log, StringComparison.Ordinal);

        // Made readable (its size and time unchanged): retried, and analysed.
        File.SetUnixFileMode(unreadable, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        (exitCode, log, inputs) = await RunNightAsync(job);
        Assert.True(exitCode == 0, log);
        Assert.Equal(("ok", true), (inputs["2026-11-20_1001.mp4"].Status, inputs["2026-11-20_1001.mp4"].ThisRun));
        Assert.Equal(("ok", false), (inputs["2026-11-20_1000.mp4"].Status, inputs["2026-11-20_1000.mp4"].ThisRun));
    }
}

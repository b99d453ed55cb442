using System.Text.Json;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Analysis;

/// <summary>
/// An operator's Ctrl-C, end to end: the signal, not a cancelled token. How a run fails otherwise (bad jobs, bad
/// inputs, a cancelled run) is tested on the library (Analytics.Runs.Tests), and the exit code of each way a command
/// line ends in Host/ExitCodeTests.
/// </summary>
public sealed class AnalyseFailureTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("analytics-failures-");

    public void Dispose() => _folder.Dispose();

    private string Output => _folder["out"];

    [Fact]
    public async Task A_real_sigint_stops_the_process_cleanly_exits_130_and_is_audited()
    {
        var job = CliRunner.WriteJob(_folder.Path, SampleCameras.OneByOne());
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "analytics.dll"), "analyse", "--job", job, "--out", Output,
                "--progress", "off", "--settle-seconds", "0", "--models-dir", RepositoryPaths.ModelsDirectory,
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var auditLog = Path.Combine(Output, "audit.jsonl");
        for (var waited = 0; !File.Exists(auditLog) && waited < 300; waited++)
        {
            await Task.Delay(100); // the run has started once its "started" entry is written
        }

        await Task.Delay(1000);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the process stops after SIGINT");
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("Interrupted", await stderr, StringComparison.Ordinal);
        Assert.Equal(["audit.jsonl"], Directory.EnumerateFileSystemEntries(Output).Select(Path.GetFileName)); // no statistics, partial or whole
        var events = File.ReadAllLines(auditLog).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("entry"));
        Assert.Equal(["started", "interrupted"], events.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal(130, events.Last().GetProperty("exit_code").GetInt32());
    }
}

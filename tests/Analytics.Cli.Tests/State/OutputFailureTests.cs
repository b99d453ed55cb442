using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.State;

/// <summary>
/// When the outputs cannot be written (a read-only or full disk) the run fails with a clear message and exit code 5,
/// and the previous dataset stays exactly as it was. The disk is made read-only or small for the child process only,
/// in a mount namespace of its own (<c>unshare -m</c>), so that the check also bites when the tests run as root.
/// </summary>
public sealed class OutputFailureTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("analytics-outfail-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Output => Path.Combine(_directory, "out");

    private string State => Path.Combine(_directory, "state");

    private string JobWith(params (string Sample, string Start)[] inputs) => CliRunner.WriteJob(_directory, $$"""
        [{ "id": "room", "timeZone": "Europe/Paris",
           "inputs": [{{string.Join(", ", inputs.Select(i => $$"""{ "path": "{{RepositoryPaths.SampleVideo(i.Sample)}}", "start": "{{i.Start}}" }"""))}}],
           "lines": [{ "id": "exit", "from": [600, 432], "to": [600, 250] }] }]
        """);

    private static string[] Analyse(string job, string output, string state) =>
        ["analyse", "--job", job, "--out", output, "--state", state, "--analysis-fps", "3", "--audit-log", Path.Combine(state, "..", "audit.jsonl")];

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public async Task A_read_only_output_folder_fails_clearly_keeps_the_previous_dataset_and_loses_no_analysis()
    {
        var first = JobWith(("intel_car-detection.mp4", "2026-11-20T10:00:00+01:00"));
        Assert.Equal(0, (await CliRunner.RunAsync(Analyse(first, Output, State))).ExitCode);
        var before = Snapshot(Output);

        // A new recording arrives, but the output folder is read-only for this run.
        var second = JobWith(("intel_car-detection.mp4", "2026-11-20T10:00:00+01:00"), ("intel_one-by-one-person-detection.mp4", "2026-11-20T10:05:00+01:00"));
        var readOnly = new[] { "unshare", "-m", "sh", "-c", "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" && exec \"$@\"", Output };
        var (exitCode, log) = await CliProcess.RunAsync(Analyse(second, Output, State), readOnly);

        Assert.True(exitCode == ExitCodes.OutputError, $"exit {exitCode}: {log}");
        Assert.Contains("Writing the outputs to", log, StringComparison.Ordinal);
        Assert.Contains("Read-only file system", log, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(Output));

        // The analysis was kept in the state: once the folder is writable, the next run only writes the outputs.
        (exitCode, log) = await CliRunner.RunAsync(Analyse(second, Output, State));
        Assert.Equal(0, exitCode);
        Assert.Contains("0 input(s) analysed in this run, 2 taken as analysed earlier", log, StringComparison.Ordinal);
        Assert.NotEqual(before["counts.csv"], Snapshot(Output)["counts.csv"]);
    }

    [Fact]
    public async Task A_read_only_state_folder_stops_the_run_before_anything_is_analysed()
    {
        var job = JobWith(("intel_car-detection.mp4", "2026-11-20T10:00:00+01:00"));
        Assert.Equal(0, (await CliRunner.RunAsync(Analyse(job, Output, State))).ExitCode);
        var before = Snapshot(Output);
        var readOnly = new[] { "unshare", "-m", "sh", "-c", "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" && exec \"$@\"", State };

        var (exitCode, log) = await CliProcess.RunAsync(Analyse(job, Output, State), readOnly);

        Assert.True(exitCode == ExitCodes.OutputError, $"exit {exitCode}: {log}");
        Assert.Contains("cannot be written", log, StringComparison.Ordinal);
        Assert.Contains("Read-only file system", log, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(Output));
    }

    [Fact]
    public async Task A_full_disk_fails_clearly_and_keeps_the_previous_dataset_whole()
    {
        var first = JobWith(("intel_car-detection.mp4", "2026-11-20T10:00:00+01:00"));
        var previous = Path.Combine(_directory, "previous");
        Assert.Equal(0, (await CliRunner.RunAsync(Analyse(first, previous, State))).ExitCode);

        // The output folder is a small file system holding the previous dataset and room for little more: the new
        // dataset (a second recording) does not fit beside it. What it holds after the run is hashed from inside.
        var second = JobWith(("intel_car-detection.mp4", "2026-11-20T10:00:00+01:00"), ("intel_one-by-one-person-detection.mp4", "2026-11-20T10:05:00+01:00"));
        Directory.CreateDirectory(Output);
        var pages = Directory.EnumerateFiles(previous).Sum(f => (new FileInfo(f).Length + 4095) / 4096) + 2;
        var sums = Path.Combine(_directory, "after.sha256");
        var full = new[]
        {
            "unshare", "-m", "sh", "-c",
            $"out=\"$0\" previous=\"$1\" sums=\"$2\"; shift 2; mount -t tmpfs -o size={pages * 4}k tmpfs \"$out\" && cp \"$previous\"/* \"$out\"/ && \"$@\"; rc=$?; cd \"$out\" && sha256sum * > \"$sums\"; exit $rc",
            Output, previous, sums,
        };
        var (exitCode, log) = await CliProcess.RunAsync(Analyse(second, Output, State), full);

        Assert.True(exitCode == ExitCodes.OutputError, $"exit {exitCode}: {log}");
        Assert.Contains("No space left on device", log, StringComparison.Ordinal);
        var after = File.ReadAllLines(sums).Select(l => l.Split("  ")).ToDictionary(p => p[1], p => p[0].ToUpperInvariant());
        Assert.Equal(Snapshot(previous), after);
    }
}

using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.State;

/// <summary>
/// A full disk, end to end: the run fails with a clear message and exit code 5, and the previous dataset stays
/// whole. The output folder is a small file system of its own, mounted for the child process only, in a mount
/// namespace of its own (<c>unshare -m</c>). (Read-only output and state folders are tests of the library, in
/// Analytics.Runs.Tests.) The recordings are small synthetic clips: the point is the writing, not what is counted.
/// </summary>
public sealed class OutputFailureTests : IDisposable
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(1));

    private readonly TemporaryFolder _folder = new("analytics-outfail-");

    public void Dispose() => _folder.Dispose();

    private string Output => _folder["out"];

    private string State => _folder["state"];

    private static string[] Analyse(string job, string output, string state) =>
        ["analyse", "--job", job, "--out", output, "--state", state, "--analysis-fps", "3", "--audit-log", Path.Combine(state, "..", "audit.jsonl")];

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public async Task A_full_disk_fails_clearly_and_keeps_the_previous_dataset_whole()
    {
        var firstClip = SyntheticVideo.Write(_folder["clips/first.mp4"], seconds: 4, shade: 1);
        var secondClip = SyntheticVideo.Write(_folder["clips/second.mp4"], seconds: 4, shade: 2);
        var first = CliRunner.WriteJob(_folder.Path, SampleCameras.Synthetic((firstClip, Morning)), name: "first.json");
        var previous = _folder["previous"];
        Assert.Equal(0, (await CliRunner.RunAsync(Analyse(first, previous, State))).ExitCode);

        // The output folder is a small file system holding the previous dataset and room for little more: the new
        // dataset (a second recording) does not fit beside it. What it holds after the run is hashed from inside.
        var second = CliRunner.WriteJob(_folder.Path, SampleCameras.Synthetic((firstClip, Morning), (secondClip, Morning.AddMinutes(5))), name: "second.json");
        Directory.CreateDirectory(Output);
        var pages = Directory.EnumerateFiles(previous).Sum(f => (new FileInfo(f).Length + 4095) / 4096) + 2;
        var sums = _folder["after.sha256"];
        var full = new[]
        {
            "unshare", "-m", "sh", "-c",
            $"out=\"$0\" previous=\"$1\" sums=\"$2\"; shift 2; mount -t tmpfs -o size={pages * 4}k tmpfs \"$out\" && cp \"$previous\"/* \"$out\"/ && \"$@\"; rc=$?; cd \"$out\" && sha256sum * > \"$sums\"; exit $rc",
            Output, previous, sums,
        };
        var (exitCode, log) = await CliProcess.RunAsync(Analyse(second, Output, State), full);

        Assert.True(exitCode == 5, $"exit {exitCode}: {log}");
        Assert.Contains("No space left on device", log, StringComparison.Ordinal);
        var after = File.ReadAllLines(sums).Select(l => l.Split("  ")).ToDictionary(p => p[1], p => p[0].ToUpperInvariant());
        Assert.Equal(Snapshot(previous), after);
    }
}

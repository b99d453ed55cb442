using Analytics.Runs.State;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.State;

/// <summary>
/// A nightly run killed with <c>kill -9</c> (no cleanup, as in a crash or a power cut), then run again, gives byte for
/// byte the statistics of a run that was never interrupted. One kill point, end to end on the real model and a real
/// recording, for what only a crash leaves behind: the lock's owner file, temporary files half written. Interruptions
/// at every other point, and runs that overlap, are tests of the library (Analytics.Runs.Tests, State/CrashSafetyTests).
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private static readonly string[] Datasets = ["counts.csv", "occupancy.csv", "od.csv", "coverage.csv"];

    private readonly TemporaryFolder _folder = new("analytics-crash-");

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// The 80-second PETS recording, in 15-second checkpoint windows, analysed at 2 fps: people cross both lines and
    /// the zone in every window (the counts are not the point here, only that they are the same).
    /// </summary>
    private string Job() => CliRunner.WriteJob(_folder.Path, $$"""
        [{ "id": "plaza", "timeZone": "Europe/Paris",
           "inputs": [{ "path": "{{RepositoryPaths.SampleVideo("pets09_s2l1_vtest_480x360.mp4")}}", "start": "2026-11-20T10:00:00+01:00" }],
           "lines": [{ "id": "middle", "from": [240, 0], "to": [240, 360] }, { "id": "path", "from": [0, 200], "to": [480, 200] }],
           "zones": [{ "id": "centre", "polygon": [[100, 100], [400, 100], [400, 300], [100, 300]] }] }]
        """);

    private static string[] Analyse(string job, string output, string? state) =>
        [.. new[] { "analyse", "--job", job, "--out", output, "--analysis-fps", "2", "--checkpoint-minutes", "0.25", "--workers", "1" },
         .. state is null ? Array.Empty<string>() : ["--state", state]];

    private static Dictionary<string, byte[]> ReadDatasets(string output) => Datasets.ToDictionary(d => d, d => File.ReadAllBytes(Path.Combine(output, d)));

    /// <summary>The input records of a state folder as they are on disk now (empty while none is written).</summary>
    private static List<InputRecord> Records(string state)
    {
        try
        {
            var analyses = Path.Combine(state, "analyses");
            return Directory.Exists(analyses) ? Directory.EnumerateDirectories(analyses).SelectMany(StateStore.Records).ToList() : [];
        }
        catch (Exception e) when (e is IOException or StateException)
        {
            return []; // a record renamed into place while the folder was read: look again
        }
    }

    [Fact]
    public async Task Killed_after_a_checkpoint_window_then_run_again_gives_exactly_the_uninterrupted_statistics()
    {
        var job = Job();
        var reference = _folder["reference"];
        Assert.Equal(0, (await CliRunner.RunAsync(Analyse(job, reference, state: null))).ExitCode);
        var state = _folder["state"];
        var output = _folder["out"];

        using (var run = CliProcess.Start(Analyse(job, output, state)))
        {
            for (var waited = 0; !Records(state).Any(r => r.WindowsDone >= 1); waited++)
            {
                Assert.True(waited < 6000, "the run never completed its first checkpoint window");
                await Task.Delay(20);
            }

            await run.KillHardAsync();
        }

        Assert.False(File.Exists(Path.Combine(output, "run.json")), "killed before it wrote its outputs");
        Assert.True(File.Exists(Path.Combine(state, "lock.owner")), "a killed run leaves its owner file behind");
        var (exitCode, log) = await CliRunner.RunAsync(Analyse(job, output, state));

        Assert.Equal(0, exitCode);
        Assert.Contains("ended without finishing", log, StringComparison.Ordinal);
        Assert.Contains("resuming after the", log, StringComparison.Ordinal);
        var expected = ReadDatasets(reference);
        var actual = ReadDatasets(output);
        Assert.All(Datasets, d => Assert.True(expected[d].AsSpan().SequenceEqual(actual[d]), $"{d} differs from the uninterrupted run's"));
        Assert.Single(Records(state), r => r.Complete);
        Assert.Empty(Directory.EnumerateFiles(state, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(output, "*.tmp"));
    }
}

using Analytics.Runs.State;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.State;

/// <summary>
/// A nightly run killed at any moment (<c>kill -9</c>: no cleanup, as in a crash or a power cut), then run again,
/// gives byte for byte the statistics of a run that was never interrupted; and runs on one state never overlap.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private static readonly string[] Datasets = ["counts.csv", "occupancy.csv", "od.csv", "coverage.csv"];

    private readonly string _directory = Directory.CreateTempSubdirectory("analytics-crash-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Two 80-second PETS recordings of one camera (the second a copy, five minutes later), in 15-second checkpoint windows.</summary>
    private string Job()
    {
        var second = Path.Combine(_directory, "pets-copy.mp4");
        File.Copy(RepositoryPaths.SampleVideo("pets09_s2l1_vtest_480x360.mp4"), second, overwrite: true);
        return CliRunner.WriteJob(_directory, $$"""
            [{ "id": "plaza", "timeZone": "Europe/Paris",
               "inputs": [{ "path": "{{RepositoryPaths.SampleVideo("pets09_s2l1_vtest_480x360.mp4")}}", "start": "2026-11-20T10:00:00+01:00" },
                          { "path": "{{second}}", "start": "2026-11-20T10:05:00+01:00" }],
               "lines": [{ "id": "middle", "from": [240, 0], "to": [240, 360] }, { "id": "path", "from": [0, 200], "to": [480, 200] }],
               "zones": [{ "id": "centre", "polygon": [[100, 100], [400, 100], [400, 300], [100, 300]] }] }]
            """);
    }

    private static string[] Analyse(string job, string output, string? state) =>
        [.. new[] { "analyse", "--job", job, "--out", output, "--analysis-fps", "4", "--checkpoint-minutes", "0.25", "--workers", "1" },
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

    public static TheoryData<string> KillPoints => new()
    {
        "as soon as the lock is taken",
        "after the first checkpoint window of the first file",
        "once the first file is complete",
        "two windows into the second file",
        "once both files are complete (while the outputs are written)",
    };

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task Killed_at_any_point_then_run_again_gives_exactly_the_uninterrupted_statistics(string point)
    {
        var job = Job();
        var reference = Path.Combine(_directory, "reference");
        Assert.Equal(0, (await CliRunner.RunAsync(Analyse(job, reference, state: null))).ExitCode);
        var state = Path.Combine(_directory, "state");
        var output = Path.Combine(_directory, "out");
        Func<bool> reached = point switch
        {
            "as soon as the lock is taken" => () => File.Exists(Path.Combine(state, "lock.owner")),
            "after the first checkpoint window of the first file" => () => Records(state).Any(r => r.WindowsDone >= 1),
            "once the first file is complete" => () => Records(state).Any(r => r.Complete),
            "two windows into the second file" => () => Records(state) is var records && records.Any(r => r.Complete) && records.Any(r => !r.Complete && r.WindowsDone >= 2),
            _ => () => Records(state).Count(r => r.Complete) == 2,
        };

        using (var run = CliProcess.Start(Analyse(job, output, state)))
        {
            for (var waited = 0; !reached(); waited++)
            {
                Assert.True(waited < 6000, $"the run never got to the point: {point}");
                await Task.Delay(20);
            }

            await run.KillHardAsync();
        }

        if (!point.Contains("outputs", StringComparison.Ordinal))
        {
            Assert.False(File.Exists(Path.Combine(output, "run.json")), "killed before it wrote its outputs");
        }

        var (exitCode, log) = await CliRunner.RunAsync(Analyse(job, output, state));

        Assert.Equal(0, exitCode);
        Assert.Contains("ended without finishing", log, StringComparison.Ordinal);
        if (point.Contains("window", StringComparison.Ordinal))
        {
            Assert.Contains("resuming after the", log, StringComparison.Ordinal);
        }

        var expected = ReadDatasets(reference);
        var actual = ReadDatasets(output);
        Assert.All(Datasets, d => Assert.True(expected[d].AsSpan().SequenceEqual(actual[d]), $"{d} differs from the uninterrupted run's"));
        Assert.Equal(2, Records(state).Count(r => r.Complete));
        Assert.Empty(Directory.EnumerateFiles(state, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(output, "*.tmp"));
    }

    [Fact]
    public async Task Killed_again_while_resuming_still_gives_exactly_the_uninterrupted_statistics()
    {
        var job = Job();
        var reference = Path.Combine(_directory, "reference");
        Assert.Equal(0, (await CliRunner.RunAsync(Analyse(job, reference, state: null))).ExitCode);
        var state = Path.Combine(_directory, "state");
        var output = Path.Combine(_directory, "out");

        // Killed after the first window, then killed again two windows later while resuming.
        foreach (var windows in new[] { 1, 3 })
        {
            using var run = CliProcess.Start(Analyse(job, output, state));
            for (var waited = 0; !Records(state).Any(r => r.Complete || r.WindowsDone >= windows); waited++)
            {
                Assert.True(waited < 6000, $"the run never completed {windows} window(s)");
                await Task.Delay(20);
            }

            await run.KillHardAsync();
        }

        Assert.Equal(0, (await CliRunner.RunAsync(Analyse(job, output, state))).ExitCode);
        var expected = ReadDatasets(reference);
        var actual = ReadDatasets(output);
        Assert.All(Datasets, d => Assert.True(expected[d].AsSpan().SequenceEqual(actual[d]), $"{d} differs from the uninterrupted run's"));
    }

    [Fact]
    public async Task A_second_run_on_the_same_state_exits_at_once_and_a_crashed_one_does_not_block_the_next()
    {
        var job = Job();
        var state = Path.Combine(_directory, "state");
        using (var first = CliProcess.Start(Analyse(job, Path.Combine(_directory, "out"), state)))
        {
            for (var waited = 0; !File.Exists(Path.Combine(state, "lock.owner")); waited++)
            {
                Assert.True(waited < 3000, "the first run took the lock");
                await Task.Delay(20);
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (exitCode, output) = await CliProcess.RunAsync(Analyse(job, Path.Combine(_directory, "out-2"), state));

            Assert.Equal(ExitCodes.StateLocked, exitCode);
            Assert.Contains($"is in use by another run (process {first.Id} on {Environment.MachineName}", output, StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "it does not wait for the lock");
            Assert.False(Directory.Exists(Path.Combine(_directory, "out-2")));

            await first.KillHardAsync(); // the lock dies with its process; its owner file stays behind
        }

        Assert.True(File.Exists(Path.Combine(state, "lock.owner")));
        var (rerun, log) = await CliRunner.RunAsync(Analyse(job, Path.Combine(_directory, "out"), state));

        Assert.Equal(0, rerun);
        Assert.Contains("ended without finishing (crash, kill or reboot)", log, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(state, "lock.owner")), "a run that finishes releases the lock");
    }
}

using Analytics.Runs.State;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Cluster;

/// <summary>
/// Shards as separate processes of the real command line, on the real model and sample recordings: started side by
/// side, one killed with <c>kill -9</c> after its first checkpoint window and run again, then merged; the dataset is
/// byte for byte that of one process analysing the whole job. A missing shard is refused with exit code 8 naming it.
/// </summary>
public sealed class ShardProcessesTests : IDisposable
{
    private static readonly string[] Datasets = ["counts.csv", "counts.parquet", "occupancy.csv", "occupancy.parquet", "od.csv", "od.parquet", "coverage.csv", "coverage.parquet"];

    private readonly TemporaryFolder _folder = new("analytics-shards-");

    public void Dispose() => _folder.Dispose();

    /// <summary>Two cameras of the cluster sample (the avenue, 20 s, and the car park, 30 s), one per shard of two.</summary>
    private string Job() => CliRunner.WriteJob(_folder.Path, $$"""
        [{ "id": "avenue", "timeZone": "Europe/Paris",
           "inputs": [{ "path": "{{RepositoryPaths.SampleVideo("opencv4nodejs_traffic.mp4")}}", "start": "2026-11-20T17:42:00+01:00" }],
           "lines": [{ "id": "screenline", "from": [320, 0], "to": [320, 360], "forward": "westbound", "backward": "eastbound" }] },
         { "id": "parking", "timeZone": "Europe/Paris",
           "inputs": [{ "path": "{{RepositoryPaths.SampleVideo("intel_car-detection.mp4")}}", "start": "2026-11-20T12:00:00+01:00" }],
           "lines": [{ "id": "middle", "from": [0, 216], "to": [768, 216], "forward": "down", "backward": "up" }] }]
        """);

    private static string[] Analysis => ["--analysis-fps", "2", "--checkpoint-minutes", "0.1", "--workers", "1"];

    private string[] Shard(string job, int index) => ["analyse", "--job", job, "--shard", $"{index}/2", "--state", _folder[$"states/s{index}"], .. Analysis];

    [Fact]
    public async Task Shard_processes_side_by_side_one_killed_and_run_again_then_merged_write_the_dataset_of_one_process()
    {
        var job = Job();
        using (var first = CliProcess.Start(Shard(job, 0)))
        using (var second = CliProcess.Start(Shard(job, 1)))
        {
            // Shard 1 (the car park) is killed once it has checkpointed a window of its recording.
            for (var waited = 0; !Records(_folder["states/s1"]).Any(r => r.WindowsDone >= 1); waited++)
            {
                Assert.True(waited < 6000, "shard 1 never completed its first checkpoint window");
                await Task.Delay(20);
            }

            await second.KillHardAsync();
            var (code, log) = await first.WaitAsync(TimeSpan.FromMinutes(5));
            Assert.True(code == 0, log);
        }

        var (refused, refusal) = await CliRunner.RunAsync(Merge(job, "merged", 0, 1));
        Assert.Equal(8, refused);
        Assert.Contains("shard 1/2", refusal, StringComparison.Ordinal);
        Assert.Contains("its last run did not finish (killed, interrupted or still running)", refusal, StringComparison.Ordinal);

        var (again, againLog) = await CliRunner.RunAsync(Shard(job, 1));
        Assert.True(again == 0, againLog);
        Assert.Contains("resuming after the", againLog, StringComparison.Ordinal);

        var (missing, missingLog) = await CliRunner.RunAsync(Merge(job, "merged", 0));
        Assert.Equal(8, missing);
        Assert.Contains("shard 1/2: no state was given for it", missingLog, StringComparison.Ordinal);
        Assert.Contains("intel_car-detection.mp4 (camera parking) is not covered", missingLog, StringComparison.Ordinal);
        Assert.Contains("--allow-partial", missingLog, StringComparison.Ordinal);

        var (merged, mergeLog) = await CliRunner.RunAsync(Merge(job, "merged", 0, 1));
        Assert.True(merged == 0, mergeLog);
        var (one, oneLog) = await CliRunner.RunAsync(["analyse", "--job", job, "--out", _folder["one"], .. Analysis]);
        Assert.True(one == 0, oneLog);
        Assert.All(Datasets, d => Assert.True(
            File.ReadAllBytes(Path.Combine(_folder["one"], d)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_folder["merged"], d))), $"{d} differs from one process's"));
        var audit = File.ReadAllText(Path.Combine(_folder["merged"], "audit.jsonl"));
        Assert.Contains("\"command\":\"merge\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"shard\":\"1/2\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"audit_last_hash\":\"", audit, StringComparison.Ordinal); // each shard's own audit chain, anchored in the merge's
    }

    private string[] Merge(string job, string output, params int[] shards) =>
        ["merge", "--job", job, "--out", _folder[output], "--states", .. shards.Select(k => _folder[$"states/s{k}"])];

    private static List<InputRecord> Records(string state)
    {
        try
        {
            var analyses = Path.Combine(state, "analyses");
            return Directory.Exists(analyses) ? Directory.EnumerateDirectories(analyses).SelectMany(StateStore.Records).ToList() : [];
        }
        catch (Exception e) when (e is IOException or StateException)
        {
            return [];
        }
    }
}

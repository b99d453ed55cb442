using System.Diagnostics;
using Analytics.Tests.Shared;
using Xunit.Abstractions;

namespace Analytics.Cli.Tests.Cluster;

/// <summary>
/// The Slurm samples on a real Slurm cluster of one node (tests/cluster/slurm-one-node.sh): Debian's slurm-wlm and
/// munge, slurmctld and slurmd started with a generated slurm.conf, the sample array of shards and its merge
/// submitted with --dependency=afterok, and the merged dataset compared with one machine's, byte for byte.
/// </summary>
public sealed class SlurmClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_sample_array_and_its_dependent_merge_on_a_one_node_cluster_write_the_dataset_of_one_machine()
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "cluster", "slurm-one-node.sh");
        var start = new ProcessStartInfo("bash") { ArgumentList = { script, "2" }, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["ANALYTICS_MODELS"] = RepositoryPaths.ModelsDirectory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout + await stderr;
        output.WriteLine(text);

        Assert.True(process.ExitCode == 0, text);
        Assert.Contains("merge JobState=COMPLETED", text, StringComparison.Ordinal);
        Assert.Contains("merged dataset = one machine's, byte for byte (9 files)", text, StringComparison.Ordinal);
    }
}

using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Cluster;

/// <summary>The command line of sharding: what it refuses, with exit code 2 and the reason, before anything is analysed.</summary>
public sealed class ShardOptionsTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("analytics-shard-options-");

    public void Dispose() => _folder.Dispose();

    private string Job() => CliRunner.WriteJob(_folder.Path, """
        [{ "id": "plaza", "timeZone": "Europe/Paris", "inputs": [{ "glob": "none/*.mp4", "startFromName": "yyyy-MM-dd_HHmm" }],
           "lines": [{ "id": "middle", "from": [240, 0], "to": [240, 360] }] }]
        """);

    [Theory]
    [InlineData("--shard 1/2", "--shard: needs a state folder")]
    [InlineData("--shard 2/2 --state STATE", "shard 2 of 2 does not exist")]
    [InlineData("--shard half --state STATE", "'half' is not K/N")]
    [InlineData("--state STATE", "--out: is required (only a shard may run without one")]
    public async Task A_shard_option_that_cannot_work_is_refused_with_exit_code_2(string options, string reason)
    {
        var args = new[] { "analyse", "--job", Job() }.Concat(options.Replace("STATE", _folder["state"], StringComparison.Ordinal).Split(' ')).ToArray();

        var (code, output) = await CliRunner.RunAsync(args);

        Assert.True(code == 2, output);
        Assert.Contains(reason, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merge_of_a_folder_that_is_no_shard_state_is_refused()
    {
        Directory.CreateDirectory(_folder["empty"]);

        var (missing, output) = await CliRunner.RunAsync("merge", "--job", Job(), "--states", _folder["nowhere"], "--out", _folder["out"]);
        Assert.True(missing == 2, output);
        Assert.Contains("is not a folder (a shard's --state folder)", output, StringComparison.Ordinal);

        var (empty, emptyOutput) = await CliRunner.RunAsync("merge", "--job", Job(), "--states", _folder["empty"], "--out", _folder["out"]);
        Assert.True(empty == 6, emptyOutput);
        Assert.Contains("holds no shard's work", emptyOutput, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder["out"]));
    }
}

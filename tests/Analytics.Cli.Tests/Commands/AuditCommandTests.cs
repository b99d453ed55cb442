using System.Text.Json.Nodes;
using Analytics.Runs.Compliance;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Commands;

public sealed class AuditCommandTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("analytics-audit-");

    public void Dispose() => _folder.Dispose();

    private string Log => _folder["audit.jsonl"];

    private async Task<string[]> WriteEntriesAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await AuditLog.AppendAsync(Log, new JsonObject { ["event"] = i % 2 == 0 ? "started" : "finished", ["run"] = i / 2 }, CancellationToken.None);
        }

        return File.ReadAllLines(Log);
    }

    [Fact]
    public async Task The_verify_command_prints_the_first_broken_entry_and_exits_non_zero()
    {
        var lines = await WriteEntriesAsync(3);
        await File.WriteAllLinesAsync(Log, [lines[0], lines[2]]);

        var (exitCode, output) = await CliRunner.RunAsync("audit", "verify", Log);
        var (intactCode, intactOutput) = await CliRunner.RunAsync("audit", "verify", _folder["missing.jsonl"]);

        Assert.Equal(ExitCodes.AuditChainBroken, exitCode);
        Assert.Contains("BROKEN at entry 2", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidInput, intactCode);
        Assert.Contains("audit log not found", intactOutput, StringComparison.Ordinal);
    }
}

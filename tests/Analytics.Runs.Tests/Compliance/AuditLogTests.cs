using System.Text.Json.Nodes;
using Analytics.Runs.Compliance;

namespace Analytics.Runs.Tests.Compliance;

public sealed class AuditLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("analytics-audit-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Log => Path.Combine(_directory, "audit.jsonl");

    private async Task<string[]> WriteEntriesAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await AuditLog.AppendAsync(Log, new JsonObject { ["event"] = i % 2 == 0 ? "started" : "finished", ["run"] = i / 2, ["purpose"] = "Comptage des flux" }, CancellationToken.None);
        }

        return File.ReadAllLines(Log);
    }

    [Fact]
    public async Task An_untouched_log_verifies_and_reports_its_last_hash()
    {
        var lines = await WriteEntriesAsync(4);

        var result = AuditLog.Verify(Log);

        Assert.True(result.IsIntact);
        Assert.Equal(4, result.Entries);
        Assert.Contains(result.LastHash!, lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edited_entry_is_found()
    {
        var lines = await WriteEntriesAsync(4);
        lines[2] = lines[2].Replace("Comptage des flux", "Reconnaissance faciale", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(Log, lines);

        var result = AuditLog.Verify(Log);

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.BrokenLine);
        Assert.Contains("edited", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edited_last_entry_is_found()
    {
        var lines = await WriteEntriesAsync(3);
        lines[2] = lines[2].Replace("\"run\":1", "\"run\":7", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(Log, lines);

        Assert.Equal(3, AuditLog.Verify(Log).BrokenLine);
    }

    [Fact]
    public async Task A_deleted_entry_is_found()
    {
        var lines = (await WriteEntriesAsync(4)).ToList();
        lines.RemoveAt(1);
        await File.WriteAllLinesAsync(Log, lines);

        var result = AuditLog.Verify(Log);

        Assert.Equal(2, result.BrokenLine);
        Assert.Equal(1, result.Entries);
    }

    [Fact]
    public async Task Reordered_entries_are_found()
    {
        var lines = await WriteEntriesAsync(4);
        (lines[1], lines[2]) = (lines[2], lines[1]);
        await File.WriteAllLinesAsync(Log, lines);

        Assert.Equal(2, AuditLog.Verify(Log).BrokenLine);
    }

    [Fact]
    public async Task Appends_continue_the_chain_across_runs_and_processes()
    {
        await WriteEntriesAsync(2);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => AuditLog.AppendAsync(Log, new JsonObject { ["event"] = "started", ["run"] = 10 + i }, CancellationToken.None)));

        var result = AuditLog.Verify(Log);

        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(10, result.Entries);
    }
}

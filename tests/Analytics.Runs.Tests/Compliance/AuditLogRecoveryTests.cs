using System.Text;
using System.Text.Json.Nodes;
using Analytics.Runs.Compliance;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.Compliance;

/// <summary>Entries of any size, and a last line torn by a crash: refused until mended explicitly, and the mending is on the chain.</summary>
public sealed class AuditLogRecoveryTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("analytics-audit-recovery-");

    public void Dispose() => _folder.Dispose();

    private string Log => _folder["audit.jsonl"];

    private static JsonObject Entry(int run) => new() { ["event"] = "started", ["run"] = run };

    private static JsonObject About() => new() { ["operator"] = "test" };

    [Fact]
    public async Task An_entry_larger_than_any_read_window_does_not_block_the_next_run()
    {
        // A nightly run over thousands of one-minute segments lists every input: a 3 MiB entry.
        var inputs = new JsonArray(Enumerable.Range(0, 80_000).Select(i => (JsonNode)JsonValue.Create($"/archive/cam-01/2026-11-20_{i:D6}.mp4")).ToArray());
        await AuditLog.AppendAsync(Log, new JsonObject { ["event"] = "started", ["inputs"] = inputs }, CancellationToken.None);
        Assert.True(new FileInfo(Log).Length > 3 << 20);

        await AuditLog.AppendAsync(Log, Entry(2), CancellationToken.None);

        var result = AuditLog.Verify(Log);
        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(2, result.Entries);
    }

    [Fact]
    public async Task A_torn_last_line_is_refused_then_repaired_explicitly_with_the_torn_bytes_kept_and_the_repair_recorded()
    {
        await AuditLog.AppendAsync(Log, Entry(1), CancellationToken.None);
        await AuditLog.AppendAsync(Log, Entry(2), CancellationToken.None);
        var torn = Encoding.UTF8.GetBytes("{\"seq\":3,\"prev\":\"ab");
        await File.AppendAllTextAsync(Log, Encoding.UTF8.GetString(torn));

        await Assert.ThrowsAsync<InvalidDataException>(() => AuditLog.AppendAsync(Log, Entry(3), CancellationToken.None));
        Assert.Null(AuditLog.RepairTornTail(Log, About()));

        var result = AuditLog.Verify(Log);
        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(3, result.Entries);
        var repaired = JsonNode.Parse(File.ReadLines(Log).Last())!["entry"]!;
        Assert.Equal("repaired", repaired["event"]!.GetValue<string>());
        Assert.Equal(torn.Length, repaired["torn_bytes"]!.GetValue<int>());
        Assert.Equal(torn, await File.ReadAllBytesAsync(repaired["torn_kept_in"]!.GetValue<string>()));
        await AuditLog.AppendAsync(Log, Entry(4), CancellationToken.None);
        Assert.Equal(4, AuditLog.Verify(Log).Entries);
    }

    [Fact]
    public async Task Repair_refuses_a_complete_last_line_and_damage_before_the_last_line()
    {
        await AuditLog.AppendAsync(Log, Entry(1), CancellationToken.None);
        await AuditLog.AppendAsync(Log, Entry(2), CancellationToken.None);
        var before = await File.ReadAllBytesAsync(Log);

        Assert.Contains("nothing is torn", AuditLog.RepairTornTail(Log, About()), StringComparison.Ordinal);

        var lines = await File.ReadAllLinesAsync(Log);
        await File.WriteAllTextAsync(Log, lines[0].Replace("\"run\":1", "\"run\":9", StringComparison.Ordinal) + "\n" + lines[1] + "\n{\"seq\":3,");
        Assert.Contains("is broken too", AuditLog.RepairTornTail(Log, About()), StringComparison.Ordinal);
        Assert.NotEqual(before, await File.ReadAllBytesAsync(Log));
        Assert.EndsWith("{\"seq\":3,", await File.ReadAllTextAsync(Log), StringComparison.Ordinal);
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Analytics.Runs.Compliance;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Commands;

/// <summary>
/// <c>audit verify</c> and <c>audit repair</c> as an operator runs them: what each prints and its exit code. How the
/// chain is checked and a torn line set aside is tested on the library (Analytics.Runs.Tests, Compliance/AuditLog*Tests).
/// </summary>
public sealed class AuditCommandTests : IDisposable
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(1));

    /// <summary>A last line cut short mid-write, as a crash or a power cut leaves it.</summary>
    private static readonly byte[] Torn = Encoding.UTF8.GetBytes("{\"seq\":3,\"prev\":\"ab");

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

    /// <summary>The messages of the JSON log lines in a command's output.</summary>
    private static List<string> LogMessages(string output) =>
        output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("@m").GetString()!).ToList();

    private static List<JsonElement> Entries(string log) =>
        File.ReadAllLines(log).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("entry").Clone()).ToList();

    [Fact]
    public async Task Repair_sets_a_torn_last_line_aside_records_the_repair_on_the_chain_and_exits_0()
    {
        await WriteEntriesAsync(2);
        await File.AppendAllTextAsync(Log, Encoding.UTF8.GetString(Torn));

        var (exitCode, output) = await CliRunner.RunAsync("audit", "repair", Log);

        Assert.True(exitCode == 0, output);
        var repaired = Entries(Log)[^1];
        Assert.Equal(("repaired", Torn.Length), (repaired.GetProperty("event").GetString(), repaired.GetProperty("torn_bytes").GetInt32()));
        var keptIn = repaired.GetProperty("torn_kept_in").GetString()!;
        Assert.StartsWith($"{Log}.torn-", keptIn, StringComparison.Ordinal);
        Assert.Equal(Torn, await File.ReadAllBytesAsync(keptIn));
        Assert.Contains($"Repaired: the torn last line ({Torn.Length} bytes) is kept in {keptIn}; a 'repaired' entry records it.", output, StringComparison.Ordinal);
        var (verifyCode, verifyOutput) = await CliRunner.RunAsync("audit", "verify", Log);
        Assert.True(verifyCode == 0, verifyOutput);
        Assert.Contains("OK: 3 entries, chain intact", verifyOutput, StringComparison.Ordinal);
    }

    public static TheoryData<string, int, string> NotTorn => new()
    {
        // the log, the exit code, what is said
        { "the last line is a complete entry", 4, "not repaired: its last line is a complete entry: nothing is torn" },
        { "an entry before the last line is broken", 4, "not repaired: entry 1, before the last line, is broken too" },
        { "the log is empty", 4, "not repaired: the log is empty: nothing to repair" },
        { "the log does not exist", 2, "audit log not found" },
    };

    [Theory]
    [MemberData(nameof(NotTorn))]
    public async Task Repair_refuses_anything_but_a_torn_last_line_and_leaves_the_log_as_it_was(string log, int documented, string said)
    {
        switch (log)
        {
            case "the last line is a complete entry":
                await WriteEntriesAsync(2);
                break;
            case "an entry before the last line is broken":
                var lines = await WriteEntriesAsync(2);
                await File.WriteAllTextAsync(Log, lines[0].Replace("\"run\":0", "\"run\":9", StringComparison.Ordinal) + "\n" + lines[1] + "\n" + Encoding.UTF8.GetString(Torn));
                break;
            case "the log is empty":
                await File.WriteAllBytesAsync(Log, []);
                break;
        }

        byte[]? before = File.Exists(Log) ? await File.ReadAllBytesAsync(Log) : null;

        var (exitCode, output) = await CliRunner.RunAsync("audit", "repair", Log);

        Assert.True(exitCode == documented, $"exit {exitCode}, documented {documented}: {output}");
        Assert.Contains(said, output, StringComparison.Ordinal);
        Assert.Equal(before, File.Exists(Log) ? await File.ReadAllBytesAsync(Log) : null);
        Assert.Empty(Directory.EnumerateFiles(_folder.Path, "*.torn-*"));
    }

    [Fact]
    public async Task A_torn_audit_log_stops_analyse_with_advice_naming_audit_repair_and_once_repaired_the_next_run_goes_ahead()
    {
        var clip = SyntheticVideo.Write(_folder["clip.mp4"], seconds: 2);
        var job = CliRunner.WriteJob(_folder.Path, SampleCameras.Synthetic((clip, Morning)));
        string[] analyse = ["analyse", "--job", job, "--out", _folder["out"], "--analysis-fps", "5", "--audit-log", Log];
        await WriteEntriesAsync(2);
        await File.AppendAllTextAsync(Log, Encoding.UTF8.GetString(Torn));

        var (refused, refusedOutput) = await CliRunner.RunAsync(analyse);

        Assert.True(refused == 5, $"exit {refused}: {refusedOutput}");
        var advice = Assert.Single(LogMessages(refusedOutput), m => m.Contains("audit repair", StringComparison.Ordinal));
        Assert.Matches($"^Check the audit log with ./analytics audit verify \"?{Regex.Escape(Log)}\"?; .*, ./analytics audit repair \"?{Regex.Escape(Log)}\"? keeps the torn bytes aside and records the repair", advice);
        Assert.False(Directory.Exists(_folder["out"]));

        Assert.Equal(0, (await CliRunner.RunAsync("audit", "repair", Log)).ExitCode);
        var (exitCode, output) = await CliRunner.RunAsync(analyse);

        Assert.True(exitCode == 0, output);
        Assert.Equal(["started", "finished", "repaired", "started", "finished"], Entries(Log).Select(e => e.GetProperty("event").GetString()));
        Assert.True(AuditLog.Verify(Log).IsIntact);
    }
}

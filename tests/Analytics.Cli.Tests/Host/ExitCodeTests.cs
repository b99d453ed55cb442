using System.Text.Json.Nodes;
using Analytics.Runs.Compliance;
using Analytics.Runs.State;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Host;

/// <summary>
/// The exit code of each way a command line ends, as README.md documents it for operators and schedulers, through
/// the real program with the real models (in-process). The values are written out, not taken from ExitCodes: a
/// scheduler reads numbers. Runs that get as far as analysing do so on a two-second synthetic clip. Interrupted (130)
/// needs a signal: AnalyseFailureTests sends one.
/// </summary>
public sealed class ExitCodeTests : IDisposable
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(1));

    private readonly TemporaryFolder _folder = new("analytics-exit-");

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, int> CommandLines => new()
    {
        { "analyse: every input is analysed", 0 },
        { "analyse: one input is an empty file", 1 },
        { "an unknown command (frobnicate)", 2 },
        { "analyse --analysis-fps abc", 2 },
        { "analyse --job without its value", 2 },
        { "analyse: the job file is invalid", 2 },
        { "analyse: one recording is listed in two cameras", 2 },
        { "analyse --out names an existing file", 2 },
        { "analyse --state names a file", 2 },
        { "analyse --audit-log names a folder", 2 },
        { "analyse: the model file is not installed", 3 },
        { "analyse --model outside the allow-list", 3 },
        { "audit verify: an intact log", 0 },
        { "audit verify: an entry was deleted", 4 },
        { "analyse: the last line of the audit log is damaged", 5 },
        { "analyse: the state was built with another threshold", 6 },
        { "analyse: another run holds the state", 75 },
    };

    [Theory]
    [MemberData(nameof(CommandLines))]
    public async Task Each_way_a_command_line_ends_has_its_documented_exit_code(string situation, int documented)
    {
        var (args, exactly, check) = await ArrangeAsync(situation);
        StateLock? held = situation == "analyse: another run holds the state" ? StateLock.Acquire(_folder["state"]) : null;
        int exitCode;
        string output;
        try
        {
            (exitCode, output) = exactly ? await CliRunner.RunExactlyAsync(args) : await CliRunner.RunAsync(args);
        }
        finally
        {
            held?.Dispose();
        }

        Assert.True(exitCode == documented, $"exit {exitCode}, documented {documented}: {output}");
        check(output);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal); // a sentence, never a stack trace
        Assert.DoesNotContain("\n   at ", output, StringComparison.Ordinal);
    }

    private string Clip(string name = "clip.mp4") => SyntheticVideo.Write(_folder[name], seconds: 2);

    private string Job(params (string Path, DateTimeOffset Start)[] inputs) => CliRunner.WriteJob(_folder.Path, SampleCameras.Synthetic(inputs));

    private string[] Analyse(string job, params string[] more) => ["analyse", "--job", job, "--out", _folder["out"], "--analysis-fps", "5", .. more];

    private async Task<string> WriteAuditLogAsync(int entries)
    {
        var log = _folder["audit.jsonl"];
        for (var i = 0; i < entries; i++)
        {
            await AuditLog.AppendAsync(log, new JsonObject { ["event"] = "started", ["run"] = i }, CancellationToken.None);
        }

        return log;
    }

    /// <summary>
    /// The command line of a situation (with what it needs on disk), whether it is run exactly as written (a malformed
    /// command line) or with the test defaults (models, JSON logs, no settling delay), and what its output must say besides.
    /// </summary>
    private async Task<(string[] Args, bool Exactly, Action<string> Check)> ArrangeAsync(string situation)
    {
        static void Says(string output, params string[] texts) => Assert.All(texts, t => Assert.Contains(t, output, StringComparison.Ordinal));
        switch (situation)
        {
            case "analyse: every input is analysed":
                return (Analyse(Job((Clip(), Morning))), false, output => Says(output, "Analysed 1 of 1 file(s)"));
            case "analyse: one input is an empty file":
                var empty = _folder.Touch("empty.mp4", []);
                return (Analyse(Job((Clip(), Morning), (empty, Morning.AddMinutes(1)))), false, output => Says(output, "FAILED", "empty.mp4"));
            case "an unknown command (frobnicate)":
                return (["frobnicate"], true, output => Says(output, "Unrecognized command or argument 'frobnicate'"));
            case "analyse --analysis-fps abc":
                return (["analyse", "--job", Job((Clip(), Morning)), "--out", _folder["out"], "--analysis-fps", "abc"], true, output => Says(output, "Cannot parse argument 'abc' for option '--analysis-fps'"));
            case "analyse --job without its value":
                return (["analyse", "--out", _folder["out"], "--job"], true, output => Says(output, "Required argument missing for option: '--job'"));
            case "analyse: the job file is invalid":
                return (Analyse(CliRunner.WriteJob(_folder.Path, """[{ "id": "cam", "timeZone": "Mars/Olympus", "inputs": [] }]""")), false,
                    output => Says(output, "cameras[0].timeZone: 'Mars/Olympus' is not a known IANA time zone"));
            case "analyse: one recording is listed in two cameras":
                var shared = Clip();
                string Camera(string id) => $$"""
                    { "id": "{{id}}", "timeZone": "Europe/Paris", "inputs": [{ "path": "{{shared}}", "start": "2026-11-20T10:00:00+01:00" }],
                      "lines": [{ "id": "exit", "from": [80, 120], "to": [80, 30] }] }
                    """;
                return (Analyse(CliRunner.WriteJob(_folder.Path, $"[{Camera("room")}, {Camera("hall")}]")), false,
                    output => Says(output, $"cameras[1].inputs[0]: {shared} is listed twice (also at cameras[0].inputs[0])", "nothing was run"));
            case "analyse --out names an existing file":
                var taken = _folder.Touch("taken.csv");
                return (["analyse", "--job", Job((Clip(), Morning)), "--out", taken], false, output =>
                {
                    Says(output, $"--out: {taken} is a file, not a folder");
                    Assert.DoesNotContain("already exists", output, StringComparison.Ordinal);
                });
            case "analyse --state names a file":
                var stateFile = _folder.Touch("state.msgpack");
                return (Analyse(Job((Clip(), Morning)), "--state", stateFile), false, output =>
                {
                    Says(output, $"--state: {stateFile} is a file, not a folder");
                    Assert.DoesNotContain("already exists", output, StringComparison.Ordinal);
                });
            case "analyse --audit-log names a folder":
                var logFolder = Directory.CreateDirectory(_folder["logs"]).FullName;
                return (Analyse(Job((Clip(), Morning)), "--audit-log", logFolder), false, output => Says(output, $"--audit-log: {logFolder} is a folder, not a log file"));
            case "analyse: the model file is not installed":
                var models = Directory.CreateDirectory(_folder["models"]).FullName;
                File.Copy(RepositoryPaths.ModelManifest, Path.Combine(models, "models.json"));
                return (Analyse(Job((Clip(), Morning)), "--models-dir", models), false, output => Says(output, "is missing", "./analytics models install"));
            case "analyse --model outside the allow-list":
                return (Analyse(Job((Clip(), Morning)), "--model", "face-detector.onnx"), false, output => Says(output, "not in the allow-list"));
            case "audit verify: an intact log":
                return (["audit", "verify", await WriteAuditLogAsync(entries: 3)], false, output => Says(output, "OK: 3 entries, chain intact"));
            case "audit verify: an entry was deleted":
                var log = await WriteAuditLogAsync(entries: 3);
                var lines = await File.ReadAllLinesAsync(log);
                await File.WriteAllLinesAsync(log, [lines[0], lines[2]]);
                return (["audit", "verify", log], false, output => Says(output, "BROKEN at entry 2"));
            case "analyse: the last line of the audit log is damaged":
                var damaged = _folder["audit.jsonl"];
                await AuditLog.AppendAsync(damaged, new JsonObject { ["event"] = "started" }, CancellationToken.None);
                await File.AppendAllTextAsync(damaged, "{\"seq\":2,\"prev\":\"0f");
                var before = await File.ReadAllBytesAsync(damaged);
                return (Analyse(Job((Clip(), Morning)), "--audit-log", damaged), false, output =>
                {
                    Says(output, "is not a valid entry", "nothing was analysed", "audit verify");
                    Assert.Equal(before, File.ReadAllBytes(damaged)); // nothing appended to a log whose chain is in doubt
                });
            case "analyse: the state was built with another threshold":
                var job = Job((Clip(), Morning));
                var (first, firstOutput) = await CliRunner.RunAsync(Analyse(job, "--state", _folder["state"]));
                Assert.True(first == 0, firstOutput);
                return (Analyse(job, "--state", _folder["state"], "--threshold", "0.5"), false, output => Says(output, "threshold 0.35 -> 0.5", "Re-run with --reanalyse"));
            case "analyse: another run holds the state":
                return (Analyse(Job((Clip(), Morning)), "--state", _folder["state"]), false, output => Says(output, "is in use by another run"));
            default:
                throw new ArgumentOutOfRangeException(nameof(situation), situation, "no such situation");
        }
    }
}

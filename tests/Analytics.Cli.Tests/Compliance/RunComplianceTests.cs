using System.Globalization;
using System.Text.Json;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Compliance;

/// <summary>Retention, files still being written, the audit trail of a real run, and the public notice.</summary>
public sealed class RunComplianceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("analytics-compliance-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Output => Path.Combine(_directory, "out");

    private static string Camera(DateTimeOffset start, string video = "intel_person-bicycle-car-detection_preview.gif") => $$"""
        [{ "id": "lot", "timeZone": "Europe/Paris",
           "inputs": [{ "path": "{{RepositoryPaths.SampleVideo(video)}}", "start": "{{start.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)}}" }],
           "lines": [{ "id": "aisle", "from": [240, 0], "to": [240, 270], "forward": "eastbound", "backward": "westbound" }] }]
        """;

    private static List<JsonElement> AuditEntries(string log) =>
        File.ReadAllLines(log).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("entry").Clone()).ToList();

    [Fact]
    public async Task Footage_past_the_retention_period_is_refused_and_the_refusal_is_audited()
    {
        var job = CliRunner.WriteJob(_directory, Camera(DateTimeOffset.Now.AddDays(-40)), retentionOverride: false);

        var (exitCode, _) = await CliRunner.RunAsync("analyse", "--job", job, "--out", Output, "--progress", "off");

        Assert.Equal(ExitCodes.CompletedWithFailures, exitCode);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Output, "run.json")));
        var input = Assert.Single(report.RootElement.GetProperty("inputs").EnumerateArray());
        Assert.Equal("refused", input.GetProperty("status").GetString());
        Assert.Contains("beyond the 30-day retention period", input.GetProperty("error").GetString(), StringComparison.Ordinal);
        var finished = AuditEntries(Path.Combine(Output, "audit.jsonl"))[^1];
        Assert.Equal("refused", finished.GetProperty("inputs")[0].GetProperty("status").GetString());
        Assert.Empty(File.ReadAllLines(Path.Combine(Output, "coverage.csv")).Skip(1)); // nothing analysed: no coverage, no zeros
    }

    [Fact]
    public async Task An_override_lets_old_footage_through_and_its_reason_goes_into_the_audit_log()
    {
        var job = CliRunner.WriteJob(_directory, Camera(DateTimeOffset.Now.AddDays(-400)), retentionOverride: true);

        var (exitCode, _) = await CliRunner.RunAsync("analyse", "--job", job, "--out", Output, "--progress", "off");

        Assert.Equal(ExitCodes.Success, exitCode);
        var started = AuditEntries(Path.Combine(Output, "audit.jsonl"))[0];
        Assert.Equal("Published sample footage used for software tests", started.GetProperty("retention_override").GetString());
    }

    [Fact]
    public async Task A_file_still_being_written_is_refused()
    {
        var fresh = Path.Combine(_directory, "recording.gif");
        File.Copy(RepositoryPaths.SampleVideo("intel_person-bicycle-car-detection_preview.gif"), fresh);
        File.SetLastWriteTimeUtc(fresh, DateTime.UtcNow);
        var job = CliRunner.WriteJob(_directory, Camera(DateTimeOffset.Now.AddHours(-1)).Replace(RepositoryPaths.SampleVideo("intel_person-bicycle-car-detection_preview.gif"), fresh, StringComparison.Ordinal));

        var (exitCode, output) = await CliRunner.RunAsync("analyse", "--job", job, "--out", Output, "--progress", "off", "--settle-seconds", "600");

        Assert.Equal(ExitCodes.CompletedWithFailures, exitCode);
        Assert.Contains("may still be being written; analysis is deferred-only (inputs must be unchanged for 600 s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_is_audited_from_start_to_finish_and_the_chain_verifies()
    {
        var job = CliRunner.WriteJob(_directory, Camera(DateTimeOffset.Now.AddHours(-2)));
        var log = Path.Combine(_directory, "logs", "audit.jsonl");

        await CliRunner.RunAsync("analyse", "--job", job, "--out", Output, "--progress", "off", "--audit-log", log);
        var (exitCode, _) = await CliRunner.RunAsync("analyse", "--job", job, "--out", Output, "--progress", "off", "--audit-log", log);
        var (verifyCode, verifyOutput) = await CliRunner.RunAsync("audit", "verify", log);

        Assert.Equal(ExitCodes.Success, exitCode);
        var entries = AuditEntries(log);
        Assert.Equal(["started", "finished", "started", "finished"], entries.Select(e => e.GetProperty("event").GetString()));
        var started = entries[0];
        Assert.Equal("Statistical count of visitors (test)", started.GetProperty("purpose").GetString());
        Assert.Equal("Test decision 2026-1", started.GetProperty("decision_reference").GetString());
        Assert.Equal(Environment.UserName, started.GetProperty("operator").GetString());
        Assert.Equal("695e750a5d5754bb5a8d5325643b59282191a7e7a564e435a415fd3c578eab14", started.GetProperty("model_sha256").GetString());
        var finished = entries[1];
        Assert.Equal("be7f06d3b268fa3d0906f52faef80d14a4788da7a6825197667f474e26caf246", finished.GetProperty("inputs")[0].GetProperty("sha256").GetString());
        Assert.Equal(8, finished.GetProperty("outputs").GetArrayLength());
        Assert.Equal(0, finished.GetProperty("exit_code").GetInt32());
        Assert.Equal(ExitCodes.Success, verifyCode);
        Assert.Contains("OK: 4 entries", verifyOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Small_counts_are_suppressed_in_both_formats_when_the_job_asks()
    {
        // The one-by-one clip at 5 fps: 6 people leave across the line in one bin; with suppressBelow 10, 6 is hidden.
        var job = CliRunner.WriteJob(_directory, SampleCameras.OneByOne(), extra: "\"suppressBelow\": 10,");

        var (exitCode, _) = await CliRunner.RunAsync("analyse", "--job", job, "--out", Output, "--progress", "off", "--analysis-fps", "5");

        Assert.Equal(ExitCodes.Success, exitCode);
        var rows = File.ReadAllLines(Path.Combine(Output, "counts.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var leaving = Assert.Single(rows, r => r[2] == "leaving" && r[3] == "pedestrian");
        Assert.Equal(("", "true"), (leaving[7], leaving[8]));
        Assert.All(rows.Where(r => r != leaving), r => Assert.Equal(("0", "false"), (r[7], r[8])));
        Assert.DoesNotContain(",6,", File.ReadAllText(Path.Combine(Output, "counts.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_notice_states_purpose_controller_decision_what_is_counted_and_how_to_object_in_french_and_english()
    {
        var job = CliRunner.WriteJob(_directory, Camera(DateTimeOffset.Now), extra: "\"contact\": \"dpo@ouistreham.fr\", \"retentionDays\": 15,");

        var (exitCode, notice) = await CliRunner.RunAsync("notice", "--job", job);

        Assert.Equal(0, exitCode);
        foreach (var expected in new[]
        {
            "# Information du public", "# Public notice", "Statistical count of visitors (test)", "Test municipality", "Test decision 2026-1",
            "Public-interest task, GDPR art. 6(1)(e)", "`aisle` (eastbound / westbound)", "aucune reconnaissance faciale", "no facial recognition",
            "moins de 15 jours", "less than 15 days", "dpo@ouistreham.fr", "article 21", "registre des activités de traitement", "Processing-register entry",
        })
        {
            Assert.Contains(expected, notice, StringComparison.Ordinal);
        }
    }
}

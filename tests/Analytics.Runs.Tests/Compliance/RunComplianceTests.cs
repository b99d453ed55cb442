using System.Text.Json;
using Analytics.Core.Integrity;
using Analytics.Runs.Compliance;
using Analytics.Runs.Jobs;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.Compliance;

/// <summary>Retention, files still being written, the audit trail of a run, small-count suppression and the public notice.</summary>
public sealed class RunComplianceTests : IDisposable
{
    private readonly RunHarness _harness = new();
    private readonly string _clip;

    public RunComplianceTests()
    {
        _clip = SyntheticVideo.Write(_harness.Folder["recording.mp4"], seconds: 4);
        File.SetLastWriteTimeUtc(_clip, DateTime.UtcNow.AddHours(-1));
    }

    public void Dispose() => _harness.Dispose();

    private string Output => _harness.Folder["out"];

    /// <summary>Camera "lot", one recording started at <paramref name="start"/>, an "aisle" line down the middle.</summary>
    private string Camera(DateTimeOffset start) => $$"""
        [{ "id": "lot", "timeZone": "Europe/Paris",
           "inputs": [{ "path": "{{_clip}}", "start": "{{SyntheticCameras.Iso(start)}}" }],
           "lines": [{ "id": "aisle", "from": [80, 0], "to": [80, 120], "forward": "eastbound", "backward": "westbound" }] }]
        """;

    private List<JsonElement> AuditEntries() =>
        File.ReadAllLines(_harness.AuditLog).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("entry").Clone()).ToList();

    [Fact]
    public async Task Footage_past_the_retention_period_is_refused_and_the_refusal_is_audited()
    {
        var job = JobFiles.Write(_harness.Folder.Path, Camera(DateTimeOffset.Now.AddDays(-40)), retentionOverride: false);

        var run = await _harness.RunAsync(_harness.Request(job));

        Assert.Equal(RunOutcome.CompletedWithFailures, run.Outcome);
        var input = Assert.Single(_harness.ReadInputs().Values);
        Assert.Equal("refused", input.Status);
        Assert.Contains("beyond the 30-day retention period", input.Error, StringComparison.Ordinal);
        var finished = AuditEntries()[^1];
        Assert.Equal("refused", finished.GetProperty("inputs")[0].GetProperty("status").GetString());
        Assert.Empty(File.ReadAllLines(Path.Combine(Output, "coverage.csv")).Skip(1)); // nothing analysed: no coverage, no zeros
    }

    [Fact]
    public async Task An_override_lets_old_footage_through_and_its_reason_goes_into_the_audit_log()
    {
        var job = JobFiles.Write(_harness.Folder.Path, Camera(DateTimeOffset.Now.AddDays(-400)), retentionOverride: true);

        var run = await _harness.RunAsync(_harness.Request(job));

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var started = AuditEntries()[0];
        Assert.Equal("Published sample footage used for software tests", started.GetProperty("retention_override").GetString());
    }

    [Fact]
    public async Task A_file_still_being_written_is_refused()
    {
        File.SetLastWriteTimeUtc(_clip, DateTime.UtcNow);
        var job = JobFiles.Write(_harness.Folder.Path, Camera(DateTimeOffset.Now.AddHours(-1)));

        var run = await _harness.RunAsync(_harness.Request(job) with { Execution = new ExecutionOptions { SettleSeconds = 600 } });

        Assert.Equal(RunOutcome.CompletedWithFailures, run.Outcome);
        Assert.Contains("may still be being written; analysis is deferred-only (inputs must be unchanged for 600 s)", run.LogText, StringComparison.Ordinal);
        Assert.Equal(0, run.Detectors!.FramesDetected);
    }

    [Fact]
    public async Task A_run_is_audited_from_start_to_finish_and_the_chain_verifies()
    {
        var job = JobFiles.Write(_harness.Folder.Path, Camera(DateTimeOffset.Now.AddHours(-2)));

        await _harness.RunAsync(_harness.Request(job));
        var run = await _harness.RunAsync(_harness.Request(job));
        var verification = AuditLog.Verify(_harness.AuditLog);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var entries = AuditEntries();
        Assert.Equal(["started", "finished", "started", "finished"], entries.Select(e => e.GetProperty("event").GetString()));
        var started = entries[0];
        Assert.Equal("Statistical count of visitors (test)", started.GetProperty("purpose").GetString());
        Assert.Equal("Test decision 2026-1", started.GetProperty("decision_reference").GetString());
        Assert.Equal(Environment.UserName, started.GetProperty("operator").GetString());
        Assert.Equal(ScriptedDetectorPool.FakeSha256, started.GetProperty("model_sha256").GetString());
        var finished = entries[1];
        Assert.Equal(FileHash.Sha256Hex(_clip), finished.GetProperty("inputs")[0].GetProperty("sha256").GetString());
        Assert.Equal(8, finished.GetProperty("outputs").GetArrayLength());
        Assert.Equal(RunHarness.CodeOf(RunOutcome.Succeeded), finished.GetProperty("exit_code").GetInt32()); // the front end's code for the outcome
        Assert.True(verification.IsIntact, verification.Reason);
        Assert.Equal(4, verification.Entries);
    }

    [Fact]
    public async Task Small_counts_are_suppressed_in_both_formats_when_the_job_asks()
    {
        // Six people leave across the exit line within one bin; with suppressBelow 10, the 6 is hidden.
        _harness.Scene = WalkingScene.Every(TimeSpan.FromSeconds(5), SyntheticCameras.Morning.AddSeconds(1), count: 6);
        var clip = SyntheticVideo.Write(_harness.Folder["six.mp4"], seconds: 36);
        var cameras = SyntheticCameras.Room([(clip, SyntheticCameras.Morning)]);
        var plain = await _harness.RunAsync(_harness.Request(JobFiles.Write(_harness.Folder.Path, cameras, name: "plain.json"), output: "plain"));
        var job = JobFiles.Write(_harness.Folder.Path, cameras, extra: "\"suppressBelow\": 10,");

        var run = await _harness.RunAsync(_harness.Request(job));

        Assert.Equal((RunOutcome.Succeeded, RunOutcome.Succeeded), (plain.Outcome, run.Outcome));
        Assert.Contains(File.ReadAllLines(_harness.Folder["plain/counts.csv"]), l => l.StartsWith("room,exit,leaving,pedestrian,", StringComparison.Ordinal) && l.Contains(",6,false,", StringComparison.Ordinal));
        var rows = File.ReadAllLines(Path.Combine(Output, "counts.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var leaving = Assert.Single(rows, r => r[2] == "leaving" && r[3] == "pedestrian");
        Assert.Equal(("", "true"), (leaving[7], leaving[8]));
        Assert.All(rows.Where(r => r != leaving), r => Assert.Equal(("0", "false"), (r[7], r[8])));
        Assert.DoesNotContain(",6,", File.ReadAllText(Path.Combine(Output, "counts.csv")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task With_small_cell_suppression_no_log_line_gives_a_count_away(bool suppressed)
    {
        // Three people leave across the exit line; with suppressBelow 10 the 3 is hidden in the outputs, and a log line
        // saying "3 crossings" (or carrying them as a property, which JSON logs write) would give it away.
        _harness.Scene = WalkingScene.Every(TimeSpan.FromSeconds(5), SyntheticCameras.Morning.AddSeconds(1), count: 3);
        var clip = SyntheticVideo.Write(_harness.Folder["three.mp4"], seconds: 18);
        var job = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.Room([(clip, SyntheticCameras.Morning)]), extra: suppressed ? "\"suppressBelow\": 10," : "");

        var run = await _harness.RunAsync(_harness.Request(job));

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var lines = run.Log.MessagesWithProperties;
        Assert.Contains(lines, l => l.Contains(" 90 frames analysed (", StringComparison.Ordinal)); // the file's line is there either way
        if (suppressed)
        {
            Assert.DoesNotContain(lines, l => l.Contains("crossing", StringComparison.OrdinalIgnoreCase));
        }
        else
        {
            Assert.Contains(lines, l => l.Contains("3 crossings", StringComparison.Ordinal) && l.Contains("Crossings=3", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_notice_states_purpose_controller_decision_what_is_counted_and_how_to_object_in_french_and_english()
    {
        var job = JobFiles.Write(_harness.Folder.Path, Camera(DateTimeOffset.Now), extra: "\"contact\": \"dpo@ouistreham.fr\", \"retentionDays\": 15,");

        var notice = PublicNotice.Render(JobLoader.Load(job));

        foreach (var expected in new[]
        {
            "# Information du public", "# Public notice", "Statistical count of visitors (test)", "Commune de Test-sur-Mer", "Test decision 2026-1",
            "Public-interest task, GDPR art. 6(1)(e)", "`aisle` (eastbound / westbound)", "aucune reconnaissance faciale", "no facial recognition",
            "moins de 15 jours", "less than 15 days", "dpo@ouistreham.fr", "article 21", "registre des activités de traitement", "Processing-register entry",
        })
        {
            Assert.Contains(expected, notice, StringComparison.Ordinal);
        }
    }
}

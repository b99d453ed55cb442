using System.Text.Json.Nodes;
using Analytics.Runs.Compliance;
using Analytics.Runs.Jobs;
using Analytics.Runs.State;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;
using Analytics.Vision.Models;

namespace Analytics.Runs.Tests;

/// <summary>
/// The orchestrator's outcome table: each <see cref="RunOutcome"/> and <see cref="RunAdvice"/> with a situation that
/// produces it, on a 6-second synthetic clip and scripted detectors. The front ends map these values to their own
/// signals (the CLI's exit codes: Analytics.Cli.Tests, Host/ExitCodeTests).
/// </summary>
public sealed class RunOrchestratorTests : IDisposable
{
    private readonly RunHarness _harness = new(WalkingScene.Every(TimeSpan.FromSeconds(2), SyntheticCameras.Morning, count: 3));
    private readonly string _clip;
    private readonly string _job;

    public RunOrchestratorTests()
    {
        _clip = SyntheticVideo.Write(_harness.Folder["room.mp4"], seconds: 6);
        _job = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.Room([(_clip, SyntheticCameras.Morning)]));
    }

    public void Dispose() => _harness.Dispose();

    private RunRequest Request => _harness.Request(_job);

    public static TheoryData<string, RunOutcome, RunAdvice> Situations => new()
    {
        { "every input is analysed", RunOutcome.Succeeded, RunAdvice.None },
        { "one input is an empty file", RunOutcome.CompletedWithFailures, RunAdvice.None },
        { "an option is out of range", RunOutcome.InvalidRequest, RunAdvice.None },
        { "reanalysis is asked for without a state folder", RunOutcome.InvalidRequest, RunAdvice.None },
        { "the job file is invalid", RunOutcome.InvalidRequest, RunAdvice.None },
        { "a line lies outside the video's frame", RunOutcome.InvalidRequest, RunAdvice.None },
        { "the detectors cannot run where asked", RunOutcome.InvalidRequest, RunAdvice.None },
        { "the model files are not installed", RunOutcome.AssetUnavailable, RunAdvice.InstallModels },
        { "the model is not on the allow-list", RunOutcome.AssetUnavailable, RunAdvice.None },
        { "another run holds the state folder", RunOutcome.StateLocked, RunAdvice.None },
        { "the last line of the audit log is damaged", RunOutcome.OutputNotWritable, RunAdvice.VerifyAuditLog },
        { "the audit log is damaged while the run goes on", RunOutcome.OutputNotWritable, RunAdvice.None },
        { "the output folder cannot be created", RunOutcome.OutputNotWritable, RunAdvice.None },
        { "the state was built for another purpose", RunOutcome.StateMismatch, RunAdvice.None },
        { "a camera's analysis changed since the state was built", RunOutcome.StateMismatch, RunAdvice.Reanalyse },
        { "a state file is damaged", RunOutcome.StateMismatch, RunAdvice.None },
        { "the run is cancelled", RunOutcome.Interrupted, RunAdvice.None },
    };

    [Theory]
    [MemberData(nameof(Situations))]
    public async Task Each_situation_ends_in_its_documented_outcome_with_its_advice(string situation, RunOutcome outcome, RunAdvice advice)
    {
        var run = await RunAsync(situation);

        Assert.True((outcome, advice) == (run.Outcome, run.Result.Advice), $"{run.Outcome} ({run.Result.Advice}): {string.Join(" / ", run.Result.Problems)}");
        Assert.Equal(outcome == RunOutcome.Succeeded, run.Result.Problems.Count == 0); // every other outcome says why
    }

    /// <summary>Arranges <paramref name="situation"/> and runs the job in it.</summary>
    private async Task<HarnessRun> RunAsync(string situation)
    {
        switch (situation)
        {
            case "every input is analysed":
                return await _harness.RunAsync(Request);
            case "one input is an empty file":
                var empty = _harness.Folder.Touch("empty.mp4", []);
                var job = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.Room([(_clip, SyntheticCameras.Morning), (empty, SyntheticCameras.Morning.AddMinutes(1))]), name: "two.json");
                return await _harness.RunAsync(_harness.Request(job));
            case "an option is out of range":
                return await _harness.RunAsync(Request with { Analysis = new AnalysisOptions { AnalysisFps = 0 } });
            case "reanalysis is asked for without a state folder":
                return await _harness.RunAsync(Request with { Reanalyse = true });
            case "the job file is invalid":
                return await _harness.RunAsync(_harness.Request(JobFiles.Write(_harness.Folder.Path, """[{ "id": "cam", "timeZone": "Mars/Olympus", "inputs": [] }]""", name: "bad.json")));
            case "a line lies outside the video's frame":
                return await _harness.RunAsync(_harness.Request(JobFiles.Write(_harness.Folder.Path, SyntheticCameras.Room([(_clip, SyntheticCameras.Morning)], lineX: 300), name: "wide.json")));
            case "the detectors cannot run where asked":
                return await _harness.RunAsync(Request, loadDetectors: _ => throw new NotSupportedException("CUDA needs the GPU build of ONNX Runtime"));
            case "the model files are not installed":
                return await _harness.RunAsync(Request, loadDetectors: _ => throw new ModelManifestException("model file m.onnx is missing: install the models first") { Missing = true });
            case "the model is not on the allow-list":
                return await _harness.RunAsync(Request, loadDetectors: _ => throw new ModelManifestException("model 'face-detector.onnx' is not in the allow-list"));
            case "another run holds the state folder":
                using (StateLock.Acquire(_harness.State))
                {
                    return await _harness.RunAsync(_harness.Request(_job, withState: true));
                }

            case "the last line of the audit log is damaged":
                await DamageAuditLogAsync();
                return await _harness.RunAsync(Request);
            case "the audit log is damaged while the run goes on":
                var damaged = 0;
                return await _harness.RunAsync(Request, beforeDetect: _ =>
                {
                    if (Interlocked.Exchange(ref damaged, 1) == 0)
                    {
                        File.AppendAllText(_harness.AuditLog, "{\"seq\":");
                    }
                });
            case "the output folder cannot be created":
                _harness.Folder.Touch("taken");
                return await _harness.RunAsync(Request with { OutputDirectory = _harness.Folder["taken/out"] });
            case "the state was built for another purpose":
                Assert.Equal(RunOutcome.Succeeded, (await _harness.RunAsync(_harness.Request(_job, withState: true))).Outcome);
                var other = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.Room([(_clip, SyntheticCameras.Morning)]), name: "other.json");
                File.WriteAllText(other, File.ReadAllText(other).Replace("count of visitors", "count of cars", StringComparison.Ordinal));
                return await _harness.RunAsync(_harness.Request(other, withState: true));
            case "a camera's analysis changed since the state was built":
                Assert.Equal(RunOutcome.Succeeded, (await _harness.RunAsync(_harness.Request(_job, withState: true))).Outcome);
                return await _harness.RunAsync(_harness.Request(_job, withState: true, analysis: new AnalysisOptions { AnalysisFps = 5, Threshold = 0.5f }));
            case "a state file is damaged":
                Assert.Equal(RunOutcome.Succeeded, (await _harness.RunAsync(_harness.Request(_job, withState: true))).Outcome);
                await File.WriteAllTextAsync(Path.Combine(_harness.State, "state.msgpack"), "not a state file");
                return await _harness.RunAsync(_harness.Request(_job, withState: true));
            case "the run is cancelled":
                using (var cancel = new CancellationTokenSource())
                {
                    return await _harness.RunAsync(Request, beforeDetect: _ => cancel.Cancel(), cancellationToken: cancel.Token);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(situation), situation, "no such situation");
        }
    }

    /// <summary>One good entry, then a line cut short (a disk that filled up mid-write, say).</summary>
    private async Task<byte[]> DamageAuditLogAsync()
    {
        await AuditLog.AppendAsync(_harness.AuditLog, new JsonObject { ["event"] = "started" }, CancellationToken.None);
        await File.AppendAllTextAsync(_harness.AuditLog, "{\"seq\":2,\"prev\":\"0f");
        return await File.ReadAllBytesAsync(_harness.AuditLog);
    }

    [Fact]
    public async Task A_successful_run_reports_its_model_its_files_and_the_dataset_it_wrote()
    {
        var run = await RunAsync("every input is analysed");

        Assert.Equal(ScriptedDetectorPool.FakeModel, run.Result.Model);
        Assert.Equal(8, run.Result.Outputs.Count);
        var file = Assert.Single(run.Result.Analysis!.Files);
        Assert.Equal((true, 30L), (file.Succeeded, file.FramesAnalysed)); // 6 s at 5 fps
        Assert.True(run.Detectors!.Disposed, "the detectors are released when the run ends");
        Assert.Equal(["started room.mp4", "finished room.mp4 ok"], run.Progress.Events);
        Assert.Equal(30, run.Progress.PlannedFrames); // the container's 60 frames at 10 fps, analysed at 5 fps
    }

    [Fact]
    public async Task Invalid_options_are_all_reported_by_setting_before_anything_is_opened()
    {
        var run = await _harness.RunAsync(Request with
        {
            Analysis = new AnalysisOptions { AnalysisFps = 0, Threshold = 0.05f, CheckpointMinutes = 0 },
            Execution = new ExecutionOptions { Workers = 0, SettleSeconds = -1 },
        });

        Assert.Equal(RunOutcome.InvalidRequest, run.Outcome);
        Assert.Equal(["AnalysisFps", "CheckpointMinutes", "Threshold", "Workers", "SettleSeconds"], run.Result.SettingProblems.Select(p => p.Setting));
        Assert.Equal("AnalysisFps: 0 is not between 0 and 120", run.Result.Problems[0]);
        Assert.Null(run.Detectors);
        Assert.False(File.Exists(_harness.AuditLog));
    }

    [Fact]
    public async Task A_damaged_last_audit_line_stops_the_run_before_anything_is_analysed_and_leaves_the_log_as_it_was()
    {
        var before = await DamageAuditLogAsync();

        var run = await _harness.RunAsync(Request);

        Assert.Equal((RunOutcome.OutputNotWritable, RunAdvice.VerifyAuditLog), (run.Outcome, run.Result.Advice));
        Assert.Contains("is not a valid entry", Assert.Single(run.Result.Problems), StringComparison.Ordinal);
        Assert.EndsWith("; nothing was analysed", run.Result.Problems[0], StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(_harness.AuditLog));
        Assert.Equal(0, run.Detectors!.FramesDetected);
        Assert.False(Directory.Exists(_harness.Folder["out"]));
    }

    [Fact]
    public async Task A_cancelled_run_writes_no_output_file_and_records_the_interruption()
    {
        var run = await RunAsync("the run is cancelled");

        Assert.Equal(RunOutcome.Interrupted, run.Outcome);
        Assert.Empty(run.Result.Outputs);
        Assert.Null(run.Result.Analysis);
        Assert.Empty(Directory.Exists(_harness.Folder["out"]) ? Directory.EnumerateFileSystemEntries(_harness.Folder["out"]) : []);
        Assert.Equal(["started", "interrupted"], File.ReadAllLines(_harness.AuditLog).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("entry").GetProperty("event").GetString()));
    }

    [Fact]
    public async Task The_end_of_a_run_that_cannot_be_recorded_makes_it_fail_though_its_outputs_are_written()
    {
        var run = await RunAsync("the audit log is damaged while the run goes on");

        Assert.Equal(RunOutcome.OutputNotWritable, run.Outcome);
        Assert.Equal([$"the end of this run could not be recorded in the audit log {_harness.AuditLog}"], run.Result.Problems);
        Assert.Equal(8, run.Result.Outputs.Count);
    }
}

using System.Text.Json;
using Analytics.Runs.Jobs;
using Analytics.Runs.State;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;
using Analytics.Vision.Detection;
using Analytics.Vision.Models;

namespace Analytics.Runs.Tests.Pipeline;

/// <summary>
/// A camera that names its own model in the job (a view that needs another detector than the run's) is analysed with
/// that model and only that one; each model is loaded once; the camera's analysis key, run.json and the audit log
/// record it; a model the allow-list does not hold is a problem of the job.
/// </summary>
public sealed class CameraModelTests : IDisposable
{
    private static readonly DateTimeOffset Start = SyntheticCameras.Morning;

    /// <summary>Three walkers across the room, one every 10 s from 2 s in.</summary>
    private static readonly WalkingScene Walkers = WalkingScene.Every(TimeSpan.FromSeconds(10), Start.AddSeconds(2), count: 3);

    /// <summary>The other model: it sees the same walkers; its description differs from the run's fake by its id and SHA-256.</summary>
    private static readonly DetectorDescription Overhead = ScriptedDetectorPool.FakeModel with
    {
        Id = "overhead-test-detector",
        File = "overhead-test-detector.onnx",
        Sha256 = "0ae7ed0de7ec70150ae7ed0de7ec70150ae7ed0de7ec70150ae7ed0de7ec7015",
    };

    private readonly RunHarness _harness = new();
    private readonly List<string?> _loaded = [];

    public void Dispose() => _harness.Dispose();

    /// <summary>
    /// Two cameras over copies of one clip: "room" with the run's model, "lot" with <paramref name="lotModel"/>. The
    /// run's model sees nothing; the overhead model sees the walkers: each camera's counts say which model it got.
    /// </summary>
    private string Job(string lotModel)
    {
        var clip = SyntheticVideo.Write(_harness.Folder["room.mp4"], seconds: 30);
        var copy = _harness.Folder["lot.mp4"];
        SyntheticVideo.Write(copy, seconds: 30, shade: 40); // other content: the same recording in two cameras is refused
        File.SetLastWriteTimeUtc(clip, DateTime.UtcNow.AddHours(-1));
        File.SetLastWriteTimeUtc(copy, DateTime.UtcNow.AddHours(-1));
        var room = SyntheticCameras.Room([(clip, Start)]).Trim()[1..^1];
        var lot = room.Replace("\"id\": \"room\"", "\"id\": \"lot\", \"model\": \"" + lotModel + "\"", StringComparison.Ordinal)
            .Replace(clip, copy, StringComparison.Ordinal);
        return JobFiles.Write(_harness.Folder.Path, $"[{room}, {lot}]");
    }

    /// <summary>Every frame detected (the clips are still pictures: the motion gate is another test's subject).</summary>
    private RunRequest Request(string job, bool withState = false) =>
        _harness.Request(job, withState: withState, analysis: new AnalysisOptions { AnalysisFps = 5, MotionGate = MotionGateMode.Off });

    /// <summary>Stands for the manifest: the run's model (null) and "overhead-test-detector"; any other name is not allow-listed.</summary>
    private IDetectorPool Load(RunRequest request)
    {
        var model = request.Analysis.Model;
        _loaded.Add(model);
        return model switch
        {
            null => new ScriptedDetectorPool(_ => []),
            "overhead-test-detector" => new ScriptedDetectorPool(Walkers.At) { Model = Overhead },
            _ => throw new ModelManifestException($"model '{model}' is not in the allow-list models.json (listed: scripted-test-detector, overhead-test-detector)") { NotListed = true },
        };
    }

    private static Dictionary<string, int> Crossings(string counts) =>
        File.ReadAllLines(counts).Skip(1).Select(r => r.Split(',')).GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.Sum(r => int.Parse(r[7], System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task A_camera_naming_its_own_model_is_analysed_with_it_and_the_others_with_the_runs()
    {
        var job = Job("overhead-test-detector");

        var run = await _harness.RunAsync(Request(job, withState: true), loadDetectors: Load);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal([null, "overhead-test-detector"], _loaded); // each model loaded once
        var counts = Crossings(_harness.Folder["out/counts.csv"]);
        Assert.Equal(3, counts.GetValueOrDefault("lot"));
        Assert.Equal(0, counts.GetValueOrDefault("room"));

        using var report = JsonDocument.Parse(File.ReadAllText(_harness.Folder["out/run.json"]));
        Assert.Equal(ScriptedDetectorPool.FakeModel.Id, report.RootElement.GetProperty("model").GetProperty("id").GetString());
        var cameras = report.RootElement.GetProperty("job").GetProperty("cameras").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("model"));
        Assert.Equal(JsonValueKind.Null, cameras["room"].ValueKind);
        Assert.Equal((Overhead.Id, Overhead.Sha256), (cameras["lot"].GetProperty("id").GetString(), cameras["lot"].GetProperty("sha256").GetString()));

        var started = JsonDocument.Parse(File.ReadLines(_harness.AuditLog).First()).RootElement.GetProperty("entry");
        var own = Assert.Single(started.GetProperty("camera_models").EnumerateObject());
        Assert.Equal(("lot", Overhead.Id, Overhead.Sha256), (own.Name, own.Value.GetProperty("model").GetString(), own.Value.GetProperty("model_sha256").GetString()));

        // The camera's analysis is keyed by its own model: the state holds one analysis per camera, each with its model.
        using var store = StateStore.Open(_harness.State);
        var keys = store.Analyses().Select(a => a.Key).ToDictionary(k => k.CameraId, k => k.ModelSha256);
        Assert.Equal(ScriptedDetectorPool.FakeSha256, keys["room"]);
        Assert.Equal(Overhead.Sha256, keys["lot"]);
    }

    [Fact]
    public async Task Shards_record_each_cameras_model_and_their_merge_finds_each_cameras_analysis_under_it()
    {
        var job = Job("overhead-test-detector");
        for (var k = 0; k < 2; k++)
        {
            var shard = await _harness.RunAsync(
                Request(job) with { OutputDirectory = null, Shard = new Analytics.Runs.Sharding.ShardSpec(k, 2), Execution = new ExecutionOptions { SettleSeconds = 0, StateDirectory = _harness.Folder[$"s{k}"] } },
                loadDetectors: Load);
            Assert.Equal(RunOutcome.Succeeded, shard.Outcome);
        }

        var sink = new CollectingLogSink();
        var merged = await ShardMerge.MergeAsync(
            new MergeRequest(job, [_harness.Folder["s0"], _harness.Folder["s1"]], _harness.Folder["merged"]), sink.Logger(), CancellationToken.None);

        Assert.True(merged.Outcome == RunOutcome.Succeeded, sink.Text);
        Assert.Equal(3, Crossings(_harness.Folder["merged/counts.csv"]).GetValueOrDefault("lot"));
        using var report = JsonDocument.Parse(File.ReadAllText(_harness.Folder["merged/run.json"]));
        var lot = report.RootElement.GetProperty("job").GetProperty("cameras").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "lot");
        Assert.Equal(Overhead.Sha256, lot.GetProperty("model").GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Changing_a_cameras_model_is_a_change_of_its_analysis_that_the_state_does_not_mix()
    {
        var job = Job("overhead-test-detector");
        await _harness.RunAsync(Request(job, withState: true), loadDetectors: Load);

        var lot = File.ReadAllText(job).Replace("\"model\": \"overhead-test-detector\", ", "", StringComparison.Ordinal);
        File.WriteAllText(job, lot);
        var again = await _harness.RunAsync(Request(job, withState: true), loadDetectors: Load);

        Assert.Equal(RunOutcome.StateMismatch, again.Outcome);
        Assert.Contains(again.Result.Problems, p => p.Contains("lot", StringComparison.Ordinal) && p.Contains($"model {Overhead.Sha256[..12]} -> {ScriptedDetectorPool.FakeSha256[..12]}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_model_the_allow_list_does_not_hold_is_a_problem_of_the_job_named_by_its_path()
    {
        var job = Job("no-such-detector");

        var run = await _harness.RunAsync(Request(job), loadDetectors: Load);

        Assert.Equal(RunOutcome.InvalidRequest, run.Outcome);
        var problem = Assert.Single(run.Result.Problems);
        Assert.StartsWith("cameras[1].model: model 'no-such-detector' is not in the allow-list", problem, StringComparison.Ordinal);
        Assert.False(File.Exists(_harness.AuditLog)); // refused before anything was recorded as started
    }

    [Fact]
    public async Task The_accuracy_suites_one_model_analyses_every_camera_with_the_runs_model()
    {
        var job = Job("overhead-test-detector");

        var run = await _harness.RunAsync(Request(job) with { OneModel = true }, loadDetectors: Load);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal([null], _loaded);
        Assert.Empty(run.Result.CameraModels);
        Assert.DoesNotContain(Crossings(_harness.Folder["out/counts.csv"]), c => c.Value > 0);
    }

    [Fact]
    public void An_empty_model_is_refused_with_its_path()
    {
        var job = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.Room("""{ "path": "x.mp4", "start": "2026-11-20T10:00:00+01:00" }""").Replace("\"id\": \"room\"", "\"id\": \"room\", \"model\": \" \"", StringComparison.Ordinal));

        var e = Assert.Throws<JobException>(() => JobLoader.Load(job));

        Assert.Contains(e.Problems, p => p.StartsWith("cameras[0].model: empty", StringComparison.Ordinal));
    }
}

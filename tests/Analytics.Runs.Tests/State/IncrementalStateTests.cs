using System.Text;
using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Core.Integrity;
using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;
using Analytics.Runs.State;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.State;

/// <summary>
/// The nightly state without a video: what it plans for each input (known, analysed again, resumed, not retried),
/// how it keeps what left the disk, and how it refuses a damaged folder or another job. Each "run" opens the folder
/// afresh, as the next night does; the inputs are small files (the state only fingerprints and hashes them).
/// </summary>
public sealed class IncrementalStateTests : IDisposable
{
    private static readonly DateTimeOffset Start = SyntheticCameras.Morning;

    private readonly TemporaryFolder _folder = new("analytics-state-");
    private readonly CollectingLogSink _log = new();
    private readonly List<StateStore> _stores = [];

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        _folder.Dispose();
    }

    private string StateFolder => _folder["state"];

    private string Recording(string name, string content, DateTime? modified = null)
    {
        var path = _folder.Touch(name, Encoding.UTF8.GetBytes(content));
        File.SetLastWriteTimeUtc(path, modified ?? new DateTime(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc));
        return path;
    }

    private static JobInput Input(Job job, int index = 0) => job.Cameras[0].Inputs[index];

    private static Job JobOver(params string[] paths) => TestJobs.Job(cameras: TestJobs.Room(paths.Select((p, i) => (p, Start.AddMinutes(5 * i)))));

    /// <summary>Opens the state folder for <paramref name="job"/>, as a run does.</summary>
    private Task<IncrementalState> OpenAsync(Job job, AnalysisOptions? analysis = null, bool reanalyse = false)
    {
        var store = StateStore.Open(StateFolder);
        _stores.Add(store);
        return IncrementalState.OpenAsync(store, job, ScriptedDetectorPool.FakeSha256, analysis ?? new AnalysisOptions(), reanalyse, _log.Logger());
    }

    /// <summary>What a file of <paramref name="seconds"/> with <paramref name="crossings"/> pedestrians leaving adds to the statistics.</summary>
    private static FileContribution Contribution(JobInput input, double seconds, int crossings)
    {
        var contribution = new FileContribution(input.CameraId);
        contribution.Coverage.Add((input.Start.UtcTicks, (input.Start + TimeSpan.FromSeconds(seconds)).UtcTicks));
        contribution.Crossings[new CrossingTallyKey(0, CrossingDirection.Forward, ClassKey.All[0], FileContribution.MinuteOf(input.Start.UtcTicks))] = crossings;
        return contribution;
    }

    private static Task CompleteAsync(IncrementalState state, JobInput input, string sha256, double seconds = 20, int crossings = 3) =>
        state.CompletedAsync(input, FileOutcome.Analysed(input.CameraId, input.Path, input.Start, sha256, Contribution(input, seconds, crossings)) with { FramesAnalysed = 50, FramesDecoded = 100 });

    private List<InputRecord> Records() => Directory.EnumerateDirectories(Path.Combine(StateFolder, "analyses")).SelectMany(StateStore.Records).ToList();

    [Fact]
    public async Task A_new_input_is_analysed_from_its_start()
    {
        var job = JobOver(Recording("a.mp4", "first recording"));

        var plan = await (await OpenAsync(job)).PlanAsync(Input(job), CancellationToken.None);

        var analyse = Assert.IsType<InputPlan.Analyse>(plan);
        Assert.Equal(FileHash.Sha256Hex(Input(job).Path), analyse.Sha256);
        Assert.Null(analyse.Resume);
        Assert.Equal(FileFingerprint.Of(Input(job).Path), analyse.Fingerprint);
    }

    [Fact]
    public async Task An_input_completed_in_an_earlier_run_is_taken_from_the_state_with_what_it_contributed()
    {
        var job = JobOver(Recording("a.mp4", "first recording"));
        var sha = FileHash.Sha256Hex(Input(job).Path);
        await CompleteAsync(await OpenAsync(job), Input(job), sha);

        var plan = await (await OpenAsync(job)).PlanAsync(Input(job), CancellationToken.None);

        var known = Assert.IsType<InputPlan.Known>(plan).Outcome;
        Assert.Equal((InputStatus.Analysed, true, sha), (known.Status, known.FromState, known.Sha256));
        Assert.Equal((50L, 100L, 20.0, 3), (known.FramesAnalysed, known.FramesDecoded, known.AnalysedSeconds, known.Crossings));
        Assert.Equal(0, known.FramesAnalysedThisRun);
    }

    [Fact]
    public async Task A_renamed_input_is_the_same_recording_and_its_record_follows_the_new_name()
    {
        var job = JobOver(Recording("a.mp4", "first recording"));
        var sha = FileHash.Sha256Hex(Input(job).Path);
        await CompleteAsync(await OpenAsync(job), Input(job), sha);
        var renamed = _folder["2026-11-20_1000.mp4"];
        File.Move(Input(job).Path, renamed);
        var next = JobOver(renamed);

        var plan = await (await OpenAsync(next)).PlanAsync(Input(next), CancellationToken.None);

        Assert.Equal(renamed, Assert.IsType<InputPlan.Known>(plan).Outcome.Path);
        Assert.Equal([(sha, renamed)], Records().Select(r => (r.Sha256, r.Path)));
    }

    [Fact]
    public async Task A_changed_input_is_analysed_again_and_replaces_its_earlier_record()
    {
        var job = JobOver(Recording("a.mp4", "first recording"));
        await CompleteAsync(await OpenAsync(job), Input(job), FileHash.Sha256Hex(Input(job).Path));
        Recording("a.mp4", "the same name, another recording", modified: new DateTime(2026, 11, 21, 9, 30, 0, DateTimeKind.Utc));
        var state = await OpenAsync(job);

        var plan = Assert.IsType<InputPlan.Analyse>(await state.PlanAsync(Input(job), CancellationToken.None));
        await CompleteAsync(state, Input(job), plan.Sha256, seconds: 30);

        Assert.Equal(FileHash.Sha256Hex(Input(job).Path), plan.Sha256);
        Assert.Null(plan.Resume);
        Assert.Equal([(plan.Sha256, true)], Records().Select(r => (r.Sha256, r.Complete)));
        Assert.Contains("changed since it was analysed", _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_input_checkpointed_by_an_interrupted_run_resumes_after_its_windows()
    {
        var job = JobOver(Recording("a.mp4", "long recording"));
        var sha = FileHash.Sha256Hex(Input(job).Path);
        await (await OpenAsync(job)).CheckpointAsync(Input(job), sha, new FileCheckpoint(2, Contribution(Input(job), 12, 1), 40));

        var plan = Assert.IsType<InputPlan.Analyse>(await (await OpenAsync(job)).PlanAsync(Input(job), CancellationToken.None));

        Assert.Equal(sha, plan.Sha256);
        Assert.Equal((2, 40L, 12.0, 1), (plan.Resume!.WindowsDone, plan.Resume.FramesAnalysed, plan.Resume.Contribution.AnalysedSeconds, plan.Resume.Contribution.Crossings.Values.Sum()));
    }

    public static TheoryData<FailureKind, string, bool, bool> Failures => new()
    {
        // kind, reason recorded, file changed since, analysed again?
        { FailureKind.Content, "decoding stopped after 95 of the 300 frames", false, false },
        { FailureKind.Content, "decoding stopped after 95 of the 300 frames", true, true },
        { FailureKind.Refused, "is empty or is not a regular file", false, false },
        { FailureKind.AccessDenied, "Access to the path is denied.", false, true },   // readable now (its mode mended): retried
        { FailureKind.Unknown, "Permission denied", false, true },                    // recorded before kinds were kept: its reason says so
        { FailureKind.Unknown, "cannot be opened as a video", false, false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failed_input_is_retried_only_once_it_changed_or_can_be_read(FailureKind kind, string reason, bool changed, bool retried)
    {
        var job = JobOver(Recording("a.mp4", "bad recording"));
        var input = Input(job);
        var failure = kind == FailureKind.Refused ? FileOutcome.Refused(input, $"{input.Path}: {reason}") : FileOutcome.Failed(input, $"{input.Path}: {reason}", kind);
        await (await OpenAsync(job)).FailedAsync(input, FileFingerprint.Of(input.Path), failure);
        if (changed)
        {
            Recording("a.mp4", "bad recording, copied again whole", modified: new DateTime(2026, 11, 21, 9, 30, 0, DateTimeKind.Utc));
        }

        var plan = await (await OpenAsync(job)).PlanAsync(input, CancellationToken.None);

        if (retried)
        {
            Assert.IsType<InputPlan.Analyse>(plan);
            return;
        }

        var known = Assert.IsType<InputPlan.Known>(plan).Outcome;
        Assert.Equal((InputStatus.Failed, kind, true), (known.Status, known.FailureKind, known.FromState));
        Assert.StartsWith($"{input.Path}: {reason} (unchanged since it failed on ", known.Error, StringComparison.Ordinal);
        Assert.EndsWith("; retried once the file changes)", known.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_input_stays_failed_until_it_appears()
    {
        var path = _folder["later.mp4"];
        var job = JobOver(path);
        var input = Input(job);
        await (await OpenAsync(job)).FailedAsync(input, FileFingerprint.Missing, FileOutcome.Refused(input, $"{path}: does not exist"));

        var whileMissing = await (await OpenAsync(job)).PlanAsync(input, CancellationToken.None);
        Recording("later.mp4", "it arrived");
        var once = await (await OpenAsync(job)).PlanAsync(input, CancellationToken.None);

        Assert.Equal(InputStatus.Failed, Assert.IsType<InputPlan.Known>(whileMissing).Outcome.Status);
        Assert.IsType<InputPlan.Analyse>(once);
    }

    [Fact]
    public async Task Inputs_no_longer_listed_stay_in_the_statistics_and_listed_ones_are_not_repeated()
    {
        var both = JobOver(Recording("a.mp4", "first"), Recording("b.mp4", "second"));
        var state = await OpenAsync(both);
        await CompleteAsync(state, Input(both, 0), FileHash.Sha256Hex(Input(both, 0).Path));
        await CompleteAsync(state, Input(both, 1), FileHash.Sha256Hex(Input(both, 1).Path), crossings: 5);
        var onlySecond = TestJobs.Job(cameras: TestJobs.Room([(Input(both, 1).Path, Input(both, 1).Start)]));
        state = await OpenAsync(onlySecond);

        Assert.IsType<InputPlan.Known>(await state.PlanAsync(Input(onlySecond), CancellationToken.None));
        var earlier = Assert.Single(state.EarlierInputs());

        Assert.Equal((Input(both, 0).Path, true, 3), (earlier.Path, earlier.FromState, earlier.Crossings));
    }

    [Fact]
    public async Task A_state_built_for_another_purpose_is_refused_as_such()
    {
        await OpenAsync(JobOver(Recording("a.mp4", "first")));

        var error = await Assert.ThrowsAsync<StateException>(() => OpenAsync(TestJobs.Job(purpose: "Statistical count of cars (test)", cameras: TestJobs.Room([]))));

        Assert.Equal(StateProblem.OtherPurpose, error.Problem);
        Assert.Contains("holds statistics collected for \"Statistical count of visitors (test)\" (Commune de Test-sur-Mer, Test decision 2026-1); this job declares \"Statistical count of cars (test)\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_analysis_is_refused_with_its_changes_until_reanalysis_retires_the_old_results()
    {
        var job = JobOver(Recording("a.mp4", "first"));
        await CompleteAsync(await OpenAsync(job), Input(job), FileHash.Sha256Hex(Input(job).Path));
        var stricter = new AnalysisOptions { Threshold = 0.5f };

        var error = await Assert.ThrowsAsync<StateException>(() => OpenAsync(job, stricter));
        var state = await OpenAsync(job, stricter, reanalyse: true);

        Assert.Equal(StateProblem.AnalysisChanged, error.Problem);
        Assert.Equal("camera room: 1 input(s) in the state were analysed with other settings (threshold 0.35 -> 0.5).", error.Message);
        Assert.IsType<InputPlan.Analyse>(await state.PlanAsync(Input(job), CancellationToken.None));
        var retired = Assert.Single(Directory.EnumerateDirectories(Path.Combine(StateFolder, "retired")));
        Assert.Single(Directory.EnumerateDirectories(retired));
        Assert.Contains("analysis changed (threshold 0.35 -> 0.5); 1 input(s) analysed before will be analysed again", _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analysis_with_only_checkpoints_gives_way_to_a_changed_one_without_being_asked()
    {
        var job = JobOver(Recording("a.mp4", "first"));
        await (await OpenAsync(job)).CheckpointAsync(Input(job), FileHash.Sha256Hex(Input(job).Path), new FileCheckpoint(1, Contribution(Input(job), 6, 0), 12));

        var state = await OpenAsync(job, new AnalysisOptions { Threshold = 0.5f });

        Assert.Null(Assert.IsType<InputPlan.Analyse>(await state.PlanAsync(Input(job), CancellationToken.None)).Resume);
        Assert.False(Directory.Exists(Path.Combine(StateFolder, "retired")));
        Assert.Empty(Records());
    }

    public static TheoryData<string> StateFiles => new() { "state.msgpack", "failures.msgpack", "hashes.msgpack", "analysis.msgpack", "an input record" };

    [Theory]
    [MemberData(nameof(StateFiles))]
    public async Task A_damaged_state_file_is_reported_as_damaged_with_its_path(string file)
    {
        var job = JobOver(Recording("a.mp4", "first"), Recording("b.mp4", "second"));
        var state = await OpenAsync(job);
        await CompleteAsync(state, Input(job, 0), FileHash.Sha256Hex(Input(job, 0).Path));
        await state.FailedAsync(Input(job, 1), FileFingerprint.Of(Input(job, 1).Path), FileOutcome.Failed(Input(job, 1), "b.mp4: truncated", FailureKind.Content));
        var analysis = Assert.Single(Directory.EnumerateDirectories(Path.Combine(StateFolder, "analyses")));
        var path = file switch
        {
            "analysis.msgpack" => Path.Combine(analysis, "analysis.msgpack"),
            "an input record" => Assert.Single(Directory.EnumerateFiles(analysis, "*-*.msgpack")),
            _ => Path.Combine(StateFolder, file),
        };
        await File.WriteAllTextAsync(path, "not a state file");

        var error = await Assert.ThrowsAsync<StateException>(() => OpenAsync(job));

        Assert.Equal(StateProblem.Damaged, error.Problem);
        Assert.StartsWith($"{path} is unreadable (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("the state folder is damaged: restore it from a backup, or delete this file to analyse its input again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_of_another_format_is_reported_as_damaged()
    {
        var store = StateStore.Open(StateFolder);
        _stores.Add(store);
        await store.WriteHeaderAsync(new StateHeader(StateStore.FormatVersion + 1, "p", "l", "c", "d", "2030-01-01"));

        var error = await Assert.ThrowsAsync<StateException>(() => OpenAsync(JobOver()));

        Assert.Equal(StateProblem.Damaged, error.Problem);
        Assert.Contains($"has format {StateStore.FormatVersion + 1}; this version reads format {StateStore.FormatVersion}", error.Message, StringComparison.Ordinal);
    }
}

using Analytics.Runs.Outcomes;
using Analytics.Tests.Shared;
using Analytics.Runs.Dataset;
using Analytics.Runs.Jobs;
using Analytics.Runs.Sharding;
using Analytics.Runs.Tests.Support;

namespace Analytics.Runs.Tests.Sharding;

/// <summary>
/// Shards and their merge against one run over the whole job, on synthetic recordings and scripted detectors: the
/// merge writes the same dataset byte for byte, counts each content once whatever the shard count did between nights,
/// and refuses (or, when asked, reports as coverage gaps) what the shards did not cover.
/// </summary>
public sealed class ShardMergeTests : IDisposable
{
    private readonly ShardRuns _runs = new();

    public void Dispose() => _runs.Dispose();

    private void RecordNight(int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            _runs.Record($"2026-11-20_10{i:00}.mp4", shade: i);
        }
    }

    [Fact]
    public async Task Shards_then_merge_write_the_dataset_of_one_run_byte_for_byte()
    {
        RecordNight(0, 6);
        await _runs.AllShardsAsync(3);
        Assert.True(Directory.EnumerateFiles(_runs.Harness.Folder["states"], "*-*.msgpack", SearchOption.AllDirectories)
            .Select(f => f.Split("/states/")[1][..2]).Distinct().Count() > 1, "the inputs should be spread over several shards");

        var (merged, log) = await _runs.MergeAsync([0, 1, 2]);

        Assert.True(merged.Outcome == RunOutcome.Succeeded, log.Text);
        Assert.Equal(RunOutcome.Succeeded, (await _runs.OneRunAsync()).Outcome);
        var one = _runs.Dataset("one");
        Assert.Equal(9, one.Count); // four tables, CSV and Parquet, and schema.json
        Assert.Equal(one, _runs.Dataset("merged"));
        Assert.Equal(_runs.ReportWithoutExecution("one"), _runs.ReportWithoutExecution("merged"));
        Assert.Contains(System.Text.Encoding.UTF8.GetString(one["counts.csv"]).Split('\n'), row => row.Split(",") is [_, _, "leaving", "pedestrian", _, _, _, var n, ..] && n != "0");

        // The partitioned layout too: the same partitions, byte for byte.
        Assert.Equal(RunOutcome.Succeeded, (await _runs.MergeAsync([0, 1, 2], "merged-partitioned", layout: OutputLayout.Partitioned)).Result.Outcome);
        Assert.Equal(RunOutcome.Succeeded, (await _runs.OneRunAsync("one-partitioned", OutputLayout.Partitioned)).Outcome);
        Assert.Equal(_runs.Dataset("one-partitioned"), _runs.Dataset("merged-partitioned"));
    }

    [Fact]
    public async Task Shards_run_without_the_motion_gate_merge_as_one_run_without_it()
    {
        RecordNight(0, 4);
        await _runs.AllShardsAsync(2, gate: MotionGateMode.Off);

        var (merged, log) = await _runs.MergeAsync([0, 1]);

        Assert.True(merged.Outcome == RunOutcome.Succeeded, log.Text);
        Assert.Equal(RunOutcome.Succeeded, (await _runs.OneRunAsync(gate: MotionGateMode.Off)).Outcome);
        Assert.Equal(_runs.Dataset("one"), _runs.Dataset("merged"));
        Assert.Equal(_runs.ReportWithoutExecution("one"), _runs.ReportWithoutExecution("merged"));
        Assert.Contains("\"motion_gate\": \"off\"", File.ReadAllText(_runs.Harness.Folder["merged/run.json"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recording_cut_short_in_one_shard_merges_as_partial_like_one_run()
    {
        // Four recordings, the third cut to a third of its bytes (an AVI under the archive's .mp4 names: the decoder
        // reads what the bytes are): it decodes its first seconds, then stops.
        RecordNight(0, 4);
        var whole = SyntheticVideo.Write(_runs.Harness.Folder["clips/whole.avi"], seconds: 12, shade: 9);
        SyntheticVideo.Truncate(whole, Path.Combine(_runs.Archive, "2026-11-20_1002.mp4"), 1 / 3.0);
        var outcomes = new List<RunOutcome>();
        for (var k = 0; k < 2; k++)
        {
            outcomes.Add((await _runs.ShardAsync(new ShardSpec(k, 2))).Outcome);
        }

        Assert.Contains(RunOutcome.CompletedWithFailures, outcomes); // the shard with the cut recording

        var (merged, log) = await _runs.MergeAsync([0, 1]);

        Assert.True(merged.Outcome == RunOutcome.CompletedWithFailures, log.Text);
        var partial = Assert.Single(merged.Analysis!.Files, f => f.Status == InputStatus.Partial);
        Assert.EndsWith("2026-11-20_1002.mp4", partial.Path, StringComparison.Ordinal);
        Assert.InRange(partial.AnalysedSeconds, 2, 6);
        Assert.Equal(RunOutcome.CompletedWithFailures, (await _runs.OneRunAsync()).Outcome);
        Assert.Equal(_runs.Dataset("one"), _runs.Dataset("merged"));
        Assert.Equal(_runs.ReportWithoutExecution("one"), _runs.ReportWithoutExecution("merged"));
    }

    [Fact]
    public async Task The_shard_count_changes_between_nights_and_a_file_is_moved_yet_each_content_counts_once()
    {
        RecordNight(0, 4);
        await _runs.AllShardsAsync(2);
        Assert.Equal(RunOutcome.Succeeded, (await _runs.MergeAsync([0, 1])).Result.Outcome);

        // The next night: two new recordings, one of last night's moved to another folder, and three shards.
        RecordNight(4, 2);
        Directory.CreateDirectory(Path.Combine(_runs.Archive, "moved"));
        File.Move(Path.Combine(_runs.Archive, "2026-11-20_1001.mp4"), Path.Combine(_runs.Archive, "moved", "2026-11-20_1001.mp4"));
        await _runs.AllShardsAsync(3);
        var (merged, log) = await _runs.MergeAsync([0, 1, 2]);

        Assert.True(merged.Outcome == RunOutcome.Succeeded, log.Text);
        Assert.Equal(RunOutcome.Succeeded, (await _runs.OneRunAsync()).Outcome);
        Assert.Equal(_runs.Dataset("one"), _runs.Dataset("merged"));
        Assert.Equal(6, merged.Analysis!.Files.Count(f => f.Succeeded));
    }

    [Fact]
    public async Task A_missing_shard_is_refused_naming_it_and_its_inputs_unless_a_partial_merge_is_asked_for()
    {
        RecordNight(0, 6);
        await _runs.AllShardsAsync(2);
        var mine = Directory.EnumerateFiles(_runs.StateOf(1), "*-*.msgpack", SearchOption.AllDirectories).Count();
        Assert.True(mine > 0, "shard 1 should have inputs of its own");

        var (refused, log) = await _runs.MergeAsync([0]);

        Assert.Equal((RunOutcome.ShardsIncomplete, RunAdvice.AllowPartial), (refused.Outcome, refused.Advice));
        Assert.Contains("shard 1/2: no state was given for it", refused.Problems);
        Assert.Equal(mine, refused.Problems.Count(p => p.Contains("is not covered: shard 1/2: no state was given for it", StringComparison.Ordinal)));
        Assert.Contains("2026-11-20_10", log.Text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_runs.Harness.Folder["merged"]));

        var (partial, _) = await _runs.MergeAsync([0], allowPartial: true);

        Assert.Equal(RunOutcome.CompletedWithFailures, partial.Outcome);
        var gaps = _runs.Harness.ReadInputs("merged").Values.Where(i => i.Status == "failed").ToList();
        Assert.Equal(mine, gaps.Count);
        Assert.All(gaps, g => Assert.Contains("not analysed (a coverage gap): shard 1/2: no state was given for it", g.Error, StringComparison.Ordinal));
        Assert.Equal(RunOutcome.Succeeded, (await _runs.OneRunAsync()).Outcome);
        // The missing footage (12 s per recording, give or take a frame) is a gap in coverage, never zeros.
        Assert.InRange(AnalysedSeconds("merged"), AnalysedSeconds("one") - (12 * mine) - 0.5, AnalysedSeconds("one") - (12 * mine) + 0.5);
    }

    private double AnalysedSeconds(string output)
    {
        var lines = File.ReadAllLines(Path.Combine(_runs.Harness.Folder[output], "coverage.csv"));
        var column = Array.IndexOf(lines[0].Split(','), "analysed_seconds");
        return lines.Skip(1).Sum(row => double.Parse(row.Split(',')[column], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_shard_stopped_half_way_is_refused_until_it_is_run_again_and_its_second_run_resumes()
    {
        RecordNight(0, 6);
        await _runs.AllShardsAsync(2);
        var whole = Directory.EnumerateFiles(_runs.StateOf(0), "*-*.msgpack", SearchOption.AllDirectories).Count();
        Directory.Delete(_runs.StateOf(0), recursive: true);

        using var stop = new CancellationTokenSource();
        var frames = 0;
        var stopped = await _runs.ShardAsync(new ShardSpec(0, 2), _ =>
        {
            if (Interlocked.Increment(ref frames) == 45)
            {
                stop.Cancel();
            }
        }, cancellationToken: stop.Token);
        Assert.Equal(RunOutcome.Interrupted, stopped.Outcome);

        var (refused, _) = await _runs.MergeAsync([0, 1]);
        Assert.Equal(RunOutcome.ShardsIncomplete, refused.Outcome);
        Assert.Contains(refused.Problems, p => p.Contains("its last run did not finish (killed, interrupted or still running): run it again", StringComparison.Ordinal));

        var again = await _runs.ShardAsync(new ShardSpec(0, 2));
        Assert.Equal(RunOutcome.Succeeded, again.Outcome);
        Assert.True(again.Result.Analysis!.Files.Any(f => f.FromState) || again.Detectors!.FramesDetected < whole * 36, "the second run resumes what the first one finished");
        var (merged, log) = await _runs.MergeAsync([0, 1]);
        Assert.True(merged.Outcome == RunOutcome.Succeeded, log.Text);
        Assert.Equal(RunOutcome.Succeeded, (await _runs.OneRunAsync()).Outcome);
        Assert.Equal(_runs.Dataset("one"), _runs.Dataset("merged"));
    }

    [Fact]
    public async Task A_copy_under_another_name_in_another_shard_counts_once_as_in_one_run()
    {
        RecordNight(0, 3);
        var original = Path.Combine(_runs.Archive, "2026-11-20_1000.mp4");
        var job = Analytics.Runs.Jobs.JobLoader.Load(_runs.Job);
        var shardOfOriginal = ShardAssignment.ShardOf(job.Cameras[0].Inputs.Single(i => i.Path == original), 2);
        var copyName = Enumerable.Range(20, 40).Select(m => $"2026-11-20_10{m}.mp4")
            .First(name => ShardAssignment.ShardOf(new Analytics.Runs.Jobs.JobInput("room", name, new DateTimeOffset(2026, 11, 20, 10, int.Parse(name[13..15], System.Globalization.CultureInfo.InvariantCulture), 0, TimeSpan.FromHours(1)), ""), 2) != shardOfOriginal);
        File.Copy(original, Path.Combine(_runs.Archive, copyName));
        await _runs.AllShardsAsync(2);

        var (merged, log) = await _runs.MergeAsync([0, 1]);
        var one = await _runs.OneRunAsync();

        Assert.Equal((RunOutcome.CompletedWithFailures, RunOutcome.CompletedWithFailures), (merged.Outcome, one.Outcome));
        Assert.Equal(_runs.Dataset("one"), _runs.Dataset("merged"));
        Assert.Equal(_runs.ReportWithoutExecution("one"), _runs.ReportWithoutExecution("merged"));
        Assert.Contains("a copy is never counted twice", _runs.Harness.ReadInputs("merged")[copyName].Error, StringComparison.Ordinal);
        Assert.Contains(copyName, log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task States_of_different_batches_or_analyses_are_refused()
    {
        RecordNight(0, 4);
        Assert.Equal(RunOutcome.Succeeded, (await _runs.ShardAsync(new ShardSpec(0, 2) { Batch = "8812" })).Outcome);
        Assert.Equal(RunOutcome.Succeeded, (await _runs.ShardAsync(new ShardSpec(1, 2) { Batch = "8790" })).Outcome);

        var (stale, _) = await _runs.MergeAsync([0, 1], allowPartial: true);
        Assert.Equal(RunOutcome.ShardsIncomplete, stale.Outcome);
        Assert.Contains(stale.Problems, p => p.Contains("different runs of the shards (batch 8812: shard(s) 0; batch 8790: shard(s) 1)", StringComparison.Ordinal));

        var other = await _runs.Harness.RunAsync(_runs.ShardRequest(new ShardSpec(1, 2) { Batch = "8812" }, threshold: 0.5f));
        Assert.Equal(RunOutcome.StateMismatch, other.Outcome); // its own state refuses another analysis first
        Directory.Delete(_runs.StateOf(1), recursive: true);
        Assert.Equal(RunOutcome.Succeeded, (await _runs.Harness.RunAsync(_runs.ShardRequest(new ShardSpec(1, 2) { Batch = "8812" }, threshold: 0.5f))).Outcome);

        var (mixed, _) = await _runs.MergeAsync([0, 1]);
        Assert.Equal(RunOutcome.StateMismatch, mixed.Outcome);
        Assert.Contains(mixed.Problems, p => p.Contains("threshold 0.5", StringComparison.Ordinal) && p.Contains("the shards of a job run one analysis", StringComparison.Ordinal));
    }
}

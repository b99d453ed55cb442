using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.State;

/// <summary>
/// Bad recordings in a nightly archive: each is reported with its reason, none stops the others, and the next
/// night retries only those that changed. (A recording the run may not read is an end-to-end test of the command
/// line: permissions do not bind the root user these tests may run as, and only a child process can drop them.)
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly RunHarness _harness = new(WalkingScene.Every(TimeSpan.FromSeconds(5), SyntheticCameras.Morning.AddSeconds(1), count: 100));

    public void Dispose() => _harness.Dispose();

    private string ArchiveFile(string name) => _harness.Folder[Path.Combine("archive", name)];

    private Task<HarnessRun> RunNightAsync(string job, Action<Vision.Video.FrameTime>? beforeDetect = null) =>
        _harness.RunAsync(_harness.Request(job, withState: true, analysis: new AnalysisOptions { AnalysisFps = 3 }), beforeDetect);

    [Fact]
    public async Task Each_bad_input_is_reported_with_its_reason_never_stops_the_others_and_is_retried_only_once_changed()
    {
        var whole = SyntheticVideo.Write(_harness.Folder["clips/whole.avi"], seconds: 20, shade: 3);
        SyntheticVideo.Write(ArchiveFile("2026-11-20_1000.mp4"), seconds: 20, shade: 1);                  // good
        SyntheticVideo.Truncate(whole, ArchiveFile("2026-11-20_1001.avi"), 1 / 3.0);                      // truncated
        SyntheticVideo.Write(ArchiveFile("2026-11-20_1002.mp4"), seconds: 5, shade: 2);                   // deleted once the run has started
        File.WriteAllBytes(ArchiveFile("2026-11-20_1003.mp4"), []);                                       // zero bytes
        File.WriteAllBytes(ArchiveFile("2026-11-20_1004.mp4"), Enumerable.Range(0, 40_000).Select(i => (byte)(i * 37)).ToArray());
        SyntheticVideo.WriteUnknownCodec(ArchiveFile("2026-11-20_1005.avi"));                            // unsupported codec
        var job = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.RoomGlob("archive/*.*"));

        // The file at 10:02 disappears mid-run: listed when the job was read, gone when its turn comes (one worker
        // takes the inputs in time order, so the 10:00 recording is being analysed while 10:02 waits).
        var night = await RunNightAsync(job, time =>
        {
            if (time.Timestamp < SyntheticCameras.Morning.AddMinutes(1))
            {
                File.Delete(ArchiveFile("2026-11-20_1002.mp4"));
            }
        });
        var inputs = _harness.ReadInputs();

        Assert.Equal(RunOutcome.CompletedWithFailures, night.Outcome);
        Assert.Equal("ok", inputs["2026-11-20_1000.mp4"].Status);
        Assert.Contains("truncated or corrupt", inputs["2026-11-20_1001.avi"].Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", inputs["2026-11-20_1002.mp4"].Error, StringComparison.Ordinal);
        Assert.Contains("is empty", inputs["2026-11-20_1003.mp4"].Error, StringComparison.Ordinal);
        Assert.Contains("cannot be opened as a video", inputs["2026-11-20_1004.mp4"].Error, StringComparison.Ordinal);
        Assert.Contains("cannot be opened as a video", inputs["2026-11-20_1005.avi"].Error, StringComparison.Ordinal);
        Assert.All(inputs.Where(i => i.Key != "2026-11-20_1000.mp4"), i => Assert.NotEqual("ok", i.Value.Status));
        var counts = File.ReadAllText(_harness.Folder["out/counts.csv"]);

        // The next night: nothing changed, nothing is retried, and the failures are still listed (not failed on again).
        // The deleted file is no longer matched by the job; the other four are.
        night = await RunNightAsync(job);
        inputs = _harness.ReadInputs();
        Assert.True(night.Outcome == RunOutcome.Succeeded, night.LogText);
        Assert.All(inputs.Values, i => Assert.False(i.ThisRun));
        Assert.Equal(4, inputs.Values.Count(i => i.Error?.Contains("retried once the file changes", StringComparison.Ordinal) == true));
        Assert.Contains("not retried", night.LogText, StringComparison.Ordinal);
        Assert.Equal(0, night.Detectors!.FramesDetected);
        Assert.Equal(counts, File.ReadAllText(_harness.Folder["out/counts.csv"]));

        // The truncated file is replaced by the whole recording: it is retried, and only it.
        File.Copy(whole, ArchiveFile("2026-11-20_1001.avi"), overwrite: true);
        night = await RunNightAsync(job);
        inputs = _harness.ReadInputs();
        Assert.Equal(RunOutcome.Succeeded, night.Outcome);
        Assert.Equal(("ok", true), (inputs["2026-11-20_1001.avi"].Status, inputs["2026-11-20_1001.avi"].ThisRun));
        Assert.Equal(("ok", false), (inputs["2026-11-20_1000.mp4"].Status, inputs["2026-11-20_1000.mp4"].ThisRun));
        Assert.False(inputs["2026-11-20_1004.mp4"].ThisRun);
    }

    [Fact]
    public async Task A_file_cut_short_counts_its_clean_footage_once_and_gives_way_to_the_whole_file()
    {
        // 20 s of one camera; walkers start every 5 s from 10:00:01 and cross x = 80 two seconds later (3, 8, 13, 18 s).
        // Cut to a third of its bytes, the file decodes its first 6 or 7 s: one crossing, then decoding stops.
        var whole = SyntheticVideo.Write(_harness.Folder["clips/whole.avi"], seconds: 20, shade: 4);
        SyntheticVideo.Truncate(whole, ArchiveFile("2026-11-20_1000.avi"), 1 / 3.0);
        var job = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.RoomGlob("archive/*.*"));

        var night = await RunNightAsync(job);
        var file = Assert.Single(night.Result.Analysis!.Files);
        var inputs = _harness.ReadInputs();

        Assert.Equal(RunOutcome.CompletedWithFailures, night.Outcome);
        Assert.Equal(("partial", true), (inputs["2026-11-20_1000.avi"].Status, inputs["2026-11-20_1000.avi"].ThisRun));
        Assert.Contains("truncated or corrupt", file.Error, StringComparison.Ordinal);
        Assert.InRange(file.AnalysedSeconds, 5, 8);
        Assert.Equal(1, file.Crossings);
        Assert.Contains("failed part-way", night.LogText, StringComparison.Ordinal);
        var counts = File.ReadAllText(_harness.Folder["out/counts.csv"]);

        // The next night: unchanged, so not decoded again; its clean part stays in the statistics, listed as before.
        night = await RunNightAsync(job);
        inputs = _harness.ReadInputs();
        Assert.Equal(RunOutcome.Succeeded, night.Outcome);
        Assert.Equal(("partial", false), (inputs["2026-11-20_1000.avi"].Status, inputs["2026-11-20_1000.avi"].ThisRun));
        Assert.Contains("retried once the file changes", inputs["2026-11-20_1000.avi"].Error, StringComparison.Ordinal);
        Assert.Equal(0, night.Detectors!.FramesDetected);
        Assert.Equal(counts, File.ReadAllText(_harness.Folder["out/counts.csv"]));

        // The whole recording arrives under the same name: analysed again, it replaces the partial result (never both).
        File.Copy(whole, ArchiveFile("2026-11-20_1000.avi"), overwrite: true);
        night = await RunNightAsync(job);
        file = Assert.Single(night.Result.Analysis!.Files);
        Assert.Equal(RunOutcome.Succeeded, night.Outcome);
        Assert.Equal((InputStatus.Analysed, 4), (file.Status, file.Crossings));
        Assert.InRange(file.AnalysedSeconds, 19.9, 20.1); // sampled at 3 fps: the last frame analysed covers a third of a second
    }

    [Fact]
    public async Task Clips_exported_with_stream_copy_are_analysed_to_their_end_not_thrown_away_as_truncated()
    {
        // As a recorder's "export clip" makes them: cut from the real PETS recording without re-encoding, each clip
        // starts between key frames and hides its lead-in behind an edit list (more samples than frames shown).
        var source = RepositoryPaths.SampleVideo("pets09_s2l1_vtest_480x360.mp4");
        Directory.CreateDirectory(_harness.Folder["archive"]);
        foreach (var (cut, minute) in new[] { ("3.3", "1000"), ("17.9", "1001"), ("41.2", "1002") })
        {
            FfmpegTool.Run("-ss", cut, "-i", source, "-t", "5", "-c", "copy", ArchiveFile($"2026-11-20_{minute}.mp4"));
        }

        var job = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.RoomGlob("archive/*.mp4"));

        var night = await RunNightAsync(job);

        Assert.Equal(RunOutcome.Succeeded, night.Outcome);
        Assert.All(night.Result.Analysis!.Files, f =>
        {
            Assert.Equal(InputStatus.Analysed, f.Status);
            Assert.InRange(f.AnalysedSeconds, 4.8, 5.5); // 51 frames shown, sampled at 3 fps: the last covers a third of a second
        });
        Assert.Equal(3, night.Result.Analysis.Files.Count);
    }
}

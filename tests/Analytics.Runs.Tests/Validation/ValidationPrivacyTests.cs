using Analytics.Runs.Tests.Support;
using Analytics.Runs.Validation;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.Validation;

/// <summary>
/// Small-cell suppression holds in validation too: comparing counts key by key (tool, truth, error) would reveal the
/// counts a job hides, so a job with <c>suppressBelow</c> is not analysed for a comparison, and a run's suppressed
/// counts are not compared.
/// </summary>
public sealed class ValidationPrivacyTests : IDisposable
{
    private readonly RunHarness _harness = new(WalkingScene.Every(TimeSpan.FromSeconds(5), SyntheticCameras.Morning.AddSeconds(1), count: 3));

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_job_that_suppresses_small_counts_is_not_analysed_for_a_comparison_key_by_key()
    {
        var clip = SyntheticVideo.Write(_harness.Folder["room.mp4"], seconds: 20);
        var job = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.Room([(clip, SyntheticCameras.Morning)]), extra: "\"suppressBelow\": 10,");
        var truth = _harness.Folder["truth.csv"];
        await File.WriteAllTextAsync(truth, "camera_id,line_id,direction,class,vehicle_type,bin_start,bin_end,count\n");
        var scripted = 0;
        var validator = new CountValidator(new RunOrchestrator(_ =>
        {
            scripted++;
            return new ScriptedDetectorPool(_harness.Scene.At, 1);
        }));

        var e = await Assert.ThrowsAsync<TruthException>(() => validator.RunAsync(new ValidationRequest(job, truth), Analytics.Runs.Pipeline.NoProgress.Instance, Serilog.Core.Logger.None, CancellationToken.None));

        Assert.Contains("hides counts below 10 (suppressBelow)", e.Problems[0], StringComparison.Ordinal);
        Assert.Contains("would reveal them", e.Problems[0], StringComparison.Ordinal);
        Assert.Equal(0, scripted); // refused before any detector was loaded or any frame analysed
    }
}

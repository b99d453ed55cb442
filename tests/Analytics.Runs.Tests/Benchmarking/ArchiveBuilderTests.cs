using Analytics.Runs.Benchmarking;
using Analytics.Runs.Jobs;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;
using Analytics.Vision.Video;

namespace Analytics.Runs.Tests.Benchmarking;

/// <summary>
/// The bench archive, built small (seconds of footage) with the system's FFmpeg from the PETS sample: quiet, busy,
/// quiet, cut into segments at the native size and at 720p, with a job whose inputs follow each other and whose
/// geometry follows the footage, and the same footage joined into one file; built once, then found in the cache.
/// </summary>
public sealed class ArchiveBuilderTests : IDisposable
{
    /// <summary>2 s of busy footage between two quiet seconds, in 2-second segments.</summary>
    private static readonly ArchivePlan Small = new() { BusySeconds = 2, QuietFactor = 1, SegmentSeconds = 2 };

    private readonly TemporaryFolder _folder = new("analytics-archive-");

    public void Dispose() => _folder.Dispose();

    private static ArchiveScene Plaza => ArchiveScene.Samples(RepositoryPaths.SampleVideos).Single(s => s.Id == "plaza");

    [Fact]
    public async Task A_small_archive_is_segmented_at_each_size_with_a_job_that_analyses_it()
    {
        var steps = new List<string>();
        var builder = new ArchiveBuilder(_folder.Path, Small, steps.Add);

        var archives = await builder.BuildAsync([Plaza], [ArchiveSize.Native, ArchiveSize.Hd720], CancellationToken.None);

        Assert.Equal([ArchiveSize.Native, ArchiveSize.Hd720], archives.Select(a => a.Size));
        Assert.Equal(["native", "720p"], archives.Select(a => a.SizeName));
        foreach (var archive in archives)
        {
            Assert.Equal(4, archive.FootageSeconds, precision: 6);
            Assert.Equal(2, archive.Segments.Count); // 4 s in 2-second segments
            var job = JobLoader.Load(archive.JobPath);
            var camera = Assert.Single(job.Cameras);
            Assert.Equal(archive.Segments, camera.Inputs.Select(i => i.Path));
            Assert.Equal(TimeSpan.FromSeconds(2), camera.Inputs[1].Start - camera.Inputs[0].Start);

            using var reader = VideoReader.Open(archive.Segments[0], camera.Inputs[0].Start);
            var scale = reader.Height / 360.0;
            Assert.Equal((archive.Size == ArchiveSize.Native ? 480 : 960, archive.Size == ArchiveSize.Native ? 360 : 720), (reader.Width, reader.Height));
            Assert.Equal(10, reader.SourceFps, precision: 3);
            Assert.Equal(300 * scale, camera.Lines[0].From.X, precision: 3);
            Assert.Equal(420 * scale, camera.Zones[0].Polygon.Vertices[1].X, precision: 3);

            // The same footage as one long file, for the segments' cost to be compared with.
            var whole = Assert.Single(Assert.Single(JobLoader.Load(archive.LongFileJobPath).Cameras).Inputs);
            using var joined = VideoReader.Open(whole.Path, whole.Start);
            Assert.Equal(40, joined.AnnouncedFrameCount);
            Assert.Equal(camera.Lines, Assert.Single(JobLoader.Load(archive.LongFileJobPath).Cameras).Lines);
        }

        // A second build of the same samples and plan finds them in the cache: FFmpeg is not run again.
        steps.Clear();
        var again = await builder.BuildAsync([Plaza], [ArchiveSize.Native], CancellationToken.None);
        Assert.Empty(steps);
        Assert.Equal(archives[0].Segments, again[0].Segments);
    }

    [Fact]
    public async Task The_archive_job_runs_through_the_product_with_the_gate_skipping_its_quiet_seconds()
    {
        var archive = (await new ArchiveBuilder(_folder.Path, Small with { QuietFactor = 3 }, _ => { }).BuildAsync([Plaza], [ArchiveSize.Native], CancellationToken.None)).Single();
        using var harness = new RunHarness();
        var request = harness.Request(archive.JobPath, analysis: new AnalysisOptions { AnalysisFps = 10 });

        var run = await harness.RunAsync(request);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(4, run.Result.Analysis!.Files.Count); // 3 s quiet, 2 s busy, 3 s quiet, in 2-second segments
        Assert.True(run.Result.Analysis.Files.Sum(f => f.FramesSkipped) > 20, "the 6 quiet seconds are mostly skipped");
    }
}

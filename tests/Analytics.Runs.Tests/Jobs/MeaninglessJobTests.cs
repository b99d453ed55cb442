using Analytics.Core.Geometry;
using Analytics.Runs.Compliance;
using Analytics.Runs.Jobs;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.Jobs;

/// <summary>What cannot give meaningful figures is refused, not accepted silently as zeros or dates that look real.</summary>
public sealed class MeaninglessJobTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("analytics-meaningless-");

    public void Dispose() => _folder.Dispose();

    private Job Load(string camera) => JobLoader.Load(JobFiles.Write(_folder.Path, $"[{camera}]"));

    private IReadOnlyList<string> Problems(string camera) => Assert.Throws<JobException>(() => Load(camera)).Problems;

    private const string Input = """ "inputs": [{ "path": "2026-11-20_1000.mp4", "start": "2026-11-20T10:00:00+01:00" }] """;

    [Fact]
    public void A_zone_without_area_or_with_crossing_edges_is_refused()
    {
        var problems = Problems($$"""
            { "id": "cam", "timeZone": "Europe/Paris", {{Input}},
              "zones": [{ "id": "flat", "polygon": [[0, 0], [50, 50], [100, 100]] },
                        { "id": "bowtie", "polygon": [[0, 0], [100, 100], [100, 0], [0, 100]] }] }
            """);

        Assert.Equal(["cameras[0].zones[0].polygon: the polygon has no area (its points lie on one line)",
                      "cameras[0].zones[1].polygon: the polygon's edges cross each other; give its points in order around it"], problems);
    }

    [Fact]
    public void A_privacy_mask_over_the_whole_frame_is_refused_once_the_frame_size_is_known()
    {
        var job = Load($$"""
            { "id": "cam", "timeZone": "Europe/Paris", {{Input}},
              "lines": [{ "id": "kerb", "from": [0, 100], "to": [320, 100] }],
              "privacyMasks": [[[0, 0], [320, 0], [320, 240], [0, 240]], [[0, 0], [50, 0], [50, 50]]] }
            """);

        Assert.Equal(["cameras[0].privacyMasks[0]: covers the whole 320x240 frame; nothing would be analysed"], JobGeometry.Check(job.Cameras[0], 320, 240));
    }

    [Theory]
    [InlineData("[[[0, 0], [170, 0], [170, 240], [0, 240]], [[160, 0], [320, 0], [320, 240], [160, 240]]]", true)]   // two halves
    [InlineData("[[[0, 0], [320, 0], [320, 130], [0, 130]], [[0, 120], [320, 120], [320, 240], [0, 240]]]", true)] // top and bottom
    [InlineData("[[[0, 0], [160, 0], [160, 240], [0, 240]], [[200, 0], [320, 0], [320, 240], [200, 240]]]", false)] // a strip left
    public void Masks_that_together_cover_the_whole_frame_are_refused(string masks, bool refused)
    {
        var job = Load($$"""
            { "id": "cam", "timeZone": "Europe/Paris", {{Input}},
              "lines": [{ "id": "kerb", "from": [0, 100], "to": [320, 100] }],
              "privacyMasks": {{masks}} }
            """);

        var problems = JobGeometry.Check(job.Cameras[0], 320, 240);

        Assert.Equal(refused ? ["cameras[0].privacyMasks: together the 2 masks cover the whole 320x240 frame; nothing would be analysed"] : [], problems);
    }

    [Fact]
    public void A_recording_that_starts_in_the_future_is_refused()
    {
        var file = _folder.Touch("2026-11-20_1000.mp4");
        var job = Load($$"""{ "id": "cam", "timeZone": "Europe/Paris", {{Input}}, "lines": [{ "id": "kerb", "from": [0, 100], "to": [320, 100] }] }""");
        var now = DateTimeOffset.UtcNow;
        var future = job.Cameras[0].Inputs[0] with { Path = file, Start = now.AddDays(2) };
        var past = future with { Start = now.AddDays(-2) };

        Assert.Contains("is in the future of this run", InputAdmission.Refusal(job, future, TimeSpan.Zero, now), StringComparison.Ordinal);
        Assert.Null(InputAdmission.Refusal(job, past, TimeSpan.Zero, now));
    }
}

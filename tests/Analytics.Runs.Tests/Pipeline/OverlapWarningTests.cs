using Analytics.Core.Aggregation;
using Analytics.Runs.Outcomes;
using Analytics.Runs.Tests.Support;

namespace Analytics.Runs.Tests.Pipeline;

/// <summary>Recordings of one camera that cover the same time are warned about; segments that meet are not.</summary>
public sealed class OverlapWarningTests
{
    private static readonly DateTimeOffset Start = SyntheticCameras.Morning;

    /// <summary>A recording of camera "room" starting <paramref name="at"/> seconds after 10:00 and lasting <paramref name="seconds"/>.</summary>
    private static FileOutcome Recording(string name, double at, double seconds)
    {
        var start = Start.AddSeconds(at);
        var contribution = new FileContribution("room");
        contribution.Coverage.Add((start.UtcTicks, start.AddSeconds(seconds).UtcTicks));
        return FileOutcome.Analysed("room", $"/archive/{name}", start, name, contribution);
    }

    [Fact]
    public void One_minute_segments_at_23_976_fps_run_a_frame_into_the_next_and_are_not_an_overlap()
    {
        var segments = Enumerable.Range(0, 3).Select(i => Recording($"{i}.mp4", 60 * i, 1439 / (24000 / 1001.0))).ToList();

        Assert.Empty(AnalysisRun.OverlapWarnings(segments));
    }

    [Fact]
    public void A_second_recording_of_the_same_minutes_is_warned_about()
    {
        var files = new[] { Recording("a.mp4", 0, 60), Recording("b.mp4", 30, 60) };

        var warning = Assert.Single(AnalysisRun.OverlapWarnings(files));

        Assert.Contains("/archive/b.mp4 starts at", warning, StringComparison.Ordinal);
        Assert.EndsWith("objects in the overlap are counted twice", warning, StringComparison.Ordinal);
    }
}

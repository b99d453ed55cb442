using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Core.Tracking;

namespace Analytics.Core.Tests.Tracking;

/// <summary>The smoothing of a track's path: exact on straight walks (ends included), steady on jitter.</summary>
public sealed class LocalLinearFitTests
{
    private static readonly TimeSpan HalfWindow = TimeSpan.FromSeconds(0.3);

    private static TrackSample[] Samples(double fps, int count, Func<int, Box> box) =>
        [.. Enumerable.Range(0, count).Select(i => new TrackSample(SyntheticScene.Start.AddSeconds(i / fps), box(i), ObjectClass.Pedestrian, VehicleKind.None, true))];

    public static TheoryData<double> FrameRates => [2, 5, 10, 25];

    [Theory]
    [MemberData(nameof(FrameRates))]
    public void A_walk_at_constant_speed_is_left_where_it_is_at_every_point_ends_included(double fps)
    {
        var samples = Samples(fps, 20, i => new Box(100 + (7 * i), 50 + (4 * i), 130 + (7 * i), 110 + (4 * i)));

        for (var i = 0; i < samples.Length; i++)
        {
            var fitted = LocalLinearFit.At(samples, i, HalfWindow);
            Assert.Equal(samples[i].Detected.Anchor.X, fitted.Anchor.X, 2);
            Assert.Equal(samples[i].Detected.Anchor.Y, fitted.Anchor.Y, 2);
            Assert.Equal(samples[i].Detected.Height, fitted.Height, 2);
        }
    }

    [Theory]
    [MemberData(nameof(FrameRates))]
    public void The_bottom_edge_of_a_box_standing_still_jittering_6_px_stays_within_3_px_of_its_place(double fps)
    {
        var samples = Samples(fps, 30, i => new Box(100, 80 + (i % 2 == 0 ? 6 : -6), 150, 200 + (i % 2 == 0 ? 6 : -6)));

        for (var i = 0; i < samples.Length; i++)
        {
            Assert.InRange(LocalLinearFit.At(samples, i, HalfWindow).Bottom, 197f, 203f);
        }
    }

    [Fact]
    public void A_walker_whose_first_and_last_boxes_jitter_with_the_stride_is_placed_where_it_walks_at_both_ends()
    {
        // 5 px a frame at 10 fps, boxes 4 px ahead and behind in turn: on their own, the first four boxes' slope is not
        // significant (t = 1.5 on 2 degrees of freedom), and their mean is the walker 1.5 frames (7.5 px) later.
        var samples = Samples(10, 20, i => new Box(85 + (5 * i) + (i % 2 == 0 ? 4 : -4), 140, 115 + (5 * i) + (i % 2 == 0 ? 4 : -4), 200));

        foreach (var i in new[] { 0, 1, samples.Length - 2, samples.Length - 1 })
        {
            Assert.InRange(LocalLinearFit.At(samples, i, HalfWindow).Anchor.X, 100 + (5 * i) - 3f, 100 + (5 * i) + 3f);
        }
    }

    [Fact]
    public void A_single_observation_is_its_own_box()
    {
        var samples = Samples(10, 1, _ => new Box(1, 2, 3, 4));

        Assert.Equal(new Box(1, 2, 3, 4), LocalLinearFit.At(samples, 0, HalfWindow));
    }
}

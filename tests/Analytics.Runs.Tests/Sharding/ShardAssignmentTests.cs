using Analytics.Runs.Jobs;
using Analytics.Runs.Sharding;
using Analytics.Runs.Tests.Support;

namespace Analytics.Runs.Tests.Sharding;

/// <summary>
/// The assignment of inputs to shards: a function of the input's camera and recording start only, balanced, and
/// moving as few inputs as possible when the shard count changes.
/// </summary>
public sealed class ShardAssignmentTests
{
    /// <summary>A month of 15-minute segments of 12 cameras: the shape of a nightly archive.</summary>
    private static readonly List<JobInput> Archive = Enumerable.Range(0, 12)
        .SelectMany(camera => Enumerable.Range(0, 30 * 96).Select(i => new JobInput($"cam-{camera:00}", $"/archive/cam-{camera:00}/{i}.mp4", SyntheticCameras.Morning.AddMinutes(15 * i), "")))
        .ToList();

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(32)]
    public void Every_shard_gets_its_share_within_the_spread_of_a_random_draw(int count)
    {
        var shares = Archive.GroupBy(i => ShardAssignment.ShardOf(i, count)).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(Enumerable.Range(0, count), shares.Keys.Order());
        // Within four standard deviations of a random draw (about 2 % of the share for 2 shards, 12 % for 32).
        var expected = (double)Archive.Count / count;
        Assert.All(shares.Values, share => Assert.InRange(share, expected - (4 * Math.Sqrt(expected)), expected + (4 * Math.Sqrt(expected))));
    }

    [Fact]
    public void The_shard_depends_on_the_camera_and_start_only_so_a_moved_or_replaced_file_stays_with_its_shard()
    {
        var input = Archive[1234];
        var moved = input with { Path = "/archive/moved-elsewhere/renamed.mp4", JsonPath = "cameras[3].inputs[0]" };

        Assert.Equal(ShardAssignment.ShardOf(input, 16), ShardAssignment.ShardOf(moved, 16));
        Assert.Equal(ShardAssignment.ShardOf(input, 16), ShardAssignment.ShardOf(input, 16));
    }

    [Theory]
    [InlineData(4, 5)]
    [InlineData(8, 12)]
    public void Growing_the_shard_count_moves_only_what_the_new_shards_take(int before, int after)
    {
        var moved = Archive.Where(i => ShardAssignment.ShardOf(i, before) != ShardAssignment.ShardOf(i, after)).ToList();

        Assert.All(moved, i => Assert.True(ShardAssignment.ShardOf(i, after) >= before, "an input moved between two shards that were there before"));
        var expected = (double)(after - before) / after * Archive.Count;
        Assert.InRange(moved.Count, expected * 0.9, expected * 1.1);
    }

    [Fact]
    public void One_shard_takes_everything()
    {
        Assert.All(Archive.Take(500), i => Assert.Equal(0, ShardAssignment.ShardOf(i, 1)));
    }
}

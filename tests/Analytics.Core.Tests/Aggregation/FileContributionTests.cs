using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;

namespace Analytics.Core.Tests.Aggregation;

/// <summary>
/// Contributions are what the nightly state keeps: windows of a file, and files in any order, must add up to
/// exactly the statistics of the whole, to the last bit.
/// </summary>
public sealed class FileContributionTests
{
    private static readonly CountingLine North = new("north", new Point2(0, 100), new Point2(480, 100), "southbound", "northbound");
    private static readonly CountingLine South = new("south", new Point2(0, 300), new Point2(480, 300), "southbound", "northbound");
    private static readonly CountingZone Plaza = new("plaza", new Polygon([new Point2(100, 100), new Point2(300, 100), new Point2(300, 300), new Point2(100, 300)]));
    private static readonly DateTimeOffset Start = new(2026, 10, 24, 22, 53, 17, TimeSpan.FromHours(2));

    /// <summary>Two hours of random events across the autumn change night, with awkward sub-second times.</summary>
    private static FileStatistics RandomFile(CameraLayout camera, int seed, DateTimeOffset start, double seconds)
    {
        var random = new Random(seed);
        DateTimeOffset At() => start.AddTicks((long)(random.NextDouble() * seconds * TimeSpan.TicksPerSecond));
        ClassKey Class() => ClassKey.All[random.Next(ClassKey.All.Count)];
        var file = new FileStatistics(camera);
        file.Coverage.Add((start, start.AddSeconds(seconds)));
        for (var i = 0; i < 400; i++)
        {
            file.Crossings.Add(new LineCrossingEvent(random.Next(2), random.Next(2) == 0 ? CrossingDirection.Forward : CrossingDirection.Backward, At(), Class()));
            file.OriginDestination.Add(new OriginDestinationEvent(0, 1, At(), Class()));
            var enter = At();
            var cls = Class();
            file.Entries.Add(new ZoneEntryEvent(0, enter, cls));
            var leave = enter.AddTicks((long)(random.NextDouble() * 300 * TimeSpan.TicksPerSecond));
            file.Presence.Add(new ZonePresenceEvent(0, enter, leave < start.AddSeconds(seconds) ? leave : start.AddSeconds(seconds), cls)); // closed by the file's end
        }

        return file;
    }

    private static StatisticsTables Aggregate(BinnedCamera camera, IEnumerable<FileContribution> contributions)
    {
        var aggregator = new StatisticsAggregator([camera]);
        foreach (var contribution in contributions)
        {
            aggregator.Add(contribution);
        }

        return aggregator.Build();
    }

    private static void AssertSameTables(StatisticsTables expected, StatisticsTables actual)
    {
        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal(expected.Occupancy, actual.Occupancy);
        Assert.Equal(expected.OriginDestination, actual.OriginDestination);
        Assert.Equal(expected.Coverage, actual.Coverage);
    }

    [Theory]
    [InlineData(15, 1, 0.5)]
    [InlineData(15, 2, 10)]
    [InlineData(60, 3, 7.25)]
    [InlineData(1, 4, 1.0 / 3)]
    public void Windows_of_a_file_add_up_to_the_whole_file_exactly(int binMinutes, int seed, double windowMinutes)
    {
        var camera = SyntheticScene.Camera([North, South], [Plaza]);
        var binned = SyntheticScene.Binned(camera, binMinutes);
        var file = RandomFile(camera, seed, Start, 7200);
        var whole = Aggregate(binned, [FileContribution.From(file)]);

        var windows = new List<FileContribution>();
        for (var from = Start; from < Start.AddSeconds(7200); from = from.AddMinutes(windowMinutes))
        {
            windows.Add(FileContribution.From(file, from, from.AddMinutes(windowMinutes)));
        }

        AssertSameTables(whole, Aggregate(binned, windows));
        var merged = new FileContribution(camera.CameraId);
        windows.ForEach(merged.Add);
        AssertSameTables(whole, Aggregate(binned, [merged]));
        Assert.Equal(400, whole.Counts.Sum(r => r.Count));
        Assert.Equal(400, whole.Occupancy.Sum(r => r.Entries));
    }

    [Fact]
    public void Files_give_the_same_statistics_in_any_order()
    {
        var camera = SyntheticScene.Camera([North, South], [Plaza]);
        var files = Enumerable.Range(0, 6).Select(i => FileContribution.From(RandomFile(camera, i, Start.AddMinutes(37 * i), 1800))).ToList();
        var expected = Aggregate(SyntheticScene.Binned(camera), files);

        var random = new Random(7);
        for (var round = 0; round < 5; round++)
        {
            AssertSameTables(expected, Aggregate(SyntheticScene.Binned(camera), files.OrderBy(_ => random.Next())));
        }
    }

    [Fact]
    public void A_window_keeps_events_timed_inside_it_and_clips_presence_and_footage()
    {
        var camera = SyntheticScene.Camera([North], [Plaza]);
        var pedestrian = new ClassKey(ObjectClass.Pedestrian, VehicleKind.None);
        var file = new FileStatistics(camera);
        var eight = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(1));
        file.Coverage.Add((eight, eight.AddMinutes(30)));
        file.Crossings.Add(new LineCrossingEvent(0, CrossingDirection.Forward, eight.AddMinutes(9).AddSeconds(59.9), pedestrian));
        file.Crossings.Add(new LineCrossingEvent(0, CrossingDirection.Forward, eight.AddMinutes(10), pedestrian));
        file.Presence.Add(new ZonePresenceEvent(0, eight.AddMinutes(8), eight.AddMinutes(12), pedestrian));

        var window = FileContribution.From(file, eight.AddMinutes(10), eight.AddMinutes(20));

        Assert.Equal([(eight.AddMinutes(10).UtcTicks, eight.AddMinutes(20).UtcTicks)], window.Coverage);
        Assert.Equal(1, window.Crossings.Values.Sum());
        Assert.Equal(2 * TimeSpan.TicksPerMinute, window.Zones.Values.Sum(z => z.PresenceTicks));
        Assert.Equal(0, window.Zones.Values.Sum(z => z.Entries));
    }
}

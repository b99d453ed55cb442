using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;

namespace Analytics.Core.Tests.Aggregation;

public sealed class StatisticsAggregatorTests
{
    private static readonly CountingLine Crossing = new("crossing", new Point2(0, 200), new Point2(480, 200), "southbound", "northbound");
    private static readonly CountingZone Plaza = new("plaza", new Polygon([new Point2(100, 100), new Point2(300, 100), new Point2(300, 300), new Point2(100, 300)]));
    private static readonly ClassKey Pedestrian = new(ObjectClass.Pedestrian, VehicleKind.None);

    private static DateTimeOffset At(int hour, int minute, double seconds = 0) =>
        new DateTimeOffset(2026, 11, 21, hour, minute, 0, TimeSpan.FromHours(1)).AddSeconds(seconds);

    private static FileStatistics File(CameraLayout camera, DateTimeOffset start, DateTimeOffset end)
    {
        var file = new FileStatistics(camera);
        file.Coverage.Add((start, end));
        return file;
    }

    [Fact]
    public void A_file_spanning_bins_covers_each_and_bins_without_footage_have_no_rows()
    {
        var camera = SyntheticScene.Camera([Crossing]);
        var aggregator = new StatisticsAggregator([SyntheticScene.Binned(camera)]);
        aggregator.Add(File(camera, At(8, 10), At(8, 40)));   // 08:10-08:40
        aggregator.Add(File(camera, At(10, 0), At(10, 5)));   // then nothing until 10:00

        var tables = aggregator.Build();

        Assert.Equal(
            [("08:00", 300.0), ("08:15", 900.0), ("08:30", 600.0), ("10:00", 300.0)],
            tables.Coverage.Select(c => (c.Bin.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), c.AnalysedSeconds)));
        // Every covered bin has a row per direction and class, zero included; the gap 08:45-10:00 has none.
        Assert.Equal(4 * 2 * ClassKey.All.Count, tables.Counts.Count);
        Assert.All(tables.Counts, row => Assert.Equal(0, row.Count));
        Assert.DoesNotContain(tables.Counts, row => row.Bin.Start == At(9, 0));
    }

    [Fact]
    public void Crossings_are_counted_in_the_bin_of_their_time_under_the_line_s_direction_names()
    {
        var camera = SyntheticScene.Camera([Crossing]);
        var file = File(camera, At(8, 0), At(8, 30));
        file.Crossings.Add(new LineCrossingEvent(0, CrossingDirection.Forward, At(8, 14, 59.9), Pedestrian));
        file.Crossings.Add(new LineCrossingEvent(0, CrossingDirection.Forward, At(8, 15), Pedestrian));
        file.Crossings.Add(new LineCrossingEvent(0, CrossingDirection.Backward, At(8, 20), new ClassKey(ObjectClass.Vehicle, VehicleKind.Bus)));
        var aggregator = new StatisticsAggregator([SyntheticScene.Binned(camera)]);
        aggregator.Add(file);

        var counts = aggregator.Build().Counts.Where(r => r.Count > 0)
            .Select(r => (r.Bin.Start.Minute, r.Direction, r.Class.Class, r.Class.Kind, r.Count)).ToList();

        Assert.Equal(
            [(0, "southbound", ObjectClass.Pedestrian, VehicleKind.None, 1), (15, "southbound", ObjectClass.Pedestrian, VehicleKind.None, 1), (15, "northbound", ObjectClass.Vehicle, VehicleKind.Bus, 1)],
            counts);
    }

    [Fact]
    public void Zone_occupancy_is_time_weighted_over_the_analysed_seconds_with_its_maximum_and_entries()
    {
        var camera = SyntheticScene.Camera(zones: [Plaza]);
        var file = File(camera, At(8, 0), At(8, 15));
        // One person for the whole quarter, a second for 5 minutes, a third for 1 minute inside those 5.
        file.Presence.Add(new ZonePresenceEvent(0, At(8, 0), At(8, 15), Pedestrian));
        file.Presence.Add(new ZonePresenceEvent(0, At(8, 5), At(8, 10), Pedestrian));
        file.Presence.Add(new ZonePresenceEvent(0, At(8, 6), At(8, 7), Pedestrian));
        file.Entries.Add(new ZoneEntryEvent(0, At(8, 5), Pedestrian));
        file.Entries.Add(new ZoneEntryEvent(0, At(8, 6), Pedestrian));
        var aggregator = new StatisticsAggregator([SyntheticScene.Binned(camera)]);
        aggregator.Add(file);

        var row = Assert.Single(aggregator.Build().Occupancy, r => r.Class == Pedestrian);

        Assert.Equal((15 + 5 + 1) / 15.0, row.MeanCount, 4);
        Assert.Equal(3, row.MaxCount);
        Assert.Equal(2, row.Entries);
    }

    [Fact]
    public void Back_to_back_presence_of_one_object_does_not_raise_the_maximum()
    {
        var camera = SyntheticScene.Camera(zones: [Plaza]);
        var file = File(camera, At(8, 0), At(8, 15));
        file.Presence.Add(new ZonePresenceEvent(0, At(8, 0), At(8, 5), Pedestrian));
        file.Presence.Add(new ZonePresenceEvent(0, At(8, 5), At(8, 10), Pedestrian));
        var aggregator = new StatisticsAggregator([SyntheticScene.Binned(camera)]);
        aggregator.Add(file);

        Assert.Equal(1, Assert.Single(aggregator.Build().Occupancy, r => r.Class == Pedestrian).MaxCount);
    }

    [Fact]
    public void Footage_analysed_twice_is_covered_once()
    {
        var camera = SyntheticScene.Camera([Crossing]);
        var aggregator = new StatisticsAggregator([SyntheticScene.Binned(camera)]);
        aggregator.Add(File(camera, At(8, 0), At(8, 10)));
        aggregator.Add(File(camera, At(8, 5), At(8, 15)));

        Assert.Equal(900, Assert.Single(aggregator.Build().Coverage).AnalysedSeconds);
    }

    [Fact]
    public void Crossings_in_the_repeated_autumn_hour_land_in_distinct_bins()
    {
        var camera = SyntheticScene.Camera([Crossing]);
        var file = new FileStatistics(camera);
        file.Coverage.Add((new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 25, 2, 0, 0, TimeSpan.Zero)));
        file.Crossings.Add(new LineCrossingEvent(0, CrossingDirection.Forward, new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2)), Pedestrian));
        file.Crossings.Add(new LineCrossingEvent(0, CrossingDirection.Forward, new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(1)), Pedestrian));
        var aggregator = new StatisticsAggregator([SyntheticScene.Binned(camera, binMinutes: 60)]);
        aggregator.Add(file);

        var tables = aggregator.Build();

        Assert.Equal(["02:00+02:00", "02:00+01:00"], tables.Coverage.Select(c => c.Bin.Start.ToString("HH:mmzzz", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([1, 1], tables.Counts.Where(r => r.Class == Pedestrian && r.Direction == "southbound").Select(r => r.Count));
    }

    [Fact]
    public void A_whole_scene_flows_from_tracks_to_rows()
    {
        var camera = SyntheticScene.Camera([Crossing], [Plaza]);
        var walker = SyntheticScene.Walk(new Point2(200, 50), new Point2(200, 350), 0, 20);
        var statistics = SyntheticScene.Run(camera, 10, 30, [walker], start: At(8, 14, 50));
        var aggregator = new StatisticsAggregator([SyntheticScene.Binned(camera)]);
        aggregator.Add(statistics);

        var tables = aggregator.Build();

        Assert.Equal([10.0, 20.0], tables.Coverage.Select(c => c.AnalysedSeconds));
        var southbound = tables.Counts.Where(r => r.Direction == "southbound" && r.Class == Pedestrian).Select(r => r.Count);
        Assert.Equal([0, 1], southbound); // it crosses at 08:15:00, in the second bin
        Assert.Equal(1, tables.Occupancy.Where(r => r.Class == Pedestrian).Sum(r => r.Entries));
    }
}

using Analytics.Output.Reports;

namespace Analytics.Output.Tests.Reports;

/// <summary>
/// What each chart of the report plots, per bin, without drawing: bars only where there is footage, gaps where there
/// is none (never zeros), classes stacked, hidden values marked and never added in.
/// </summary>
public sealed class ReportChartsTests
{
    private static readonly DateTime Eight = new(2026, 11, 21, 7, 0, 0, DateTimeKind.Utc); // 08:00 in Paris

    private static readonly ReportText Text = ReportText.English;

    /// <summary>A 15-minute bin of camera "cam" starting <paramref name="minutes"/> after 08:00 Paris time, with <paramref name="seconds"/> of footage.</summary>
    private static CoverageBin Bin(int minutes, double seconds = 900) =>
        new("cam", Eight.AddMinutes(minutes), Eight.AddMinutes(minutes + 15), Eight.AddMinutes(minutes + 60), seconds);

    private static BinRow Count(CoverageBin bin, string series, long? count, string line = "a", string direction = "in", bool suppressed = false) =>
        new("cam", line, direction, series is "pedestrian" or "cycle" ? series : "vehicle", series is "pedestrian" or "cycle" ? null : series, bin.Start, bin.End, bin.LocalStart, count, suppressed, bin.AnalysedSeconds);

    [Fact]
    public void A_bin_without_footage_is_a_gap_with_no_bar_and_a_bin_with_footage_and_no_crossing_is_a_bar_of_zero()
    {
        CoverageBin[] bins = [Bin(0), Bin(15), Bin(60)]; // 08:30 and 08:45 have no footage
        var timeline = new CameraTimeline(bins);
        var counts = new[] { Count(bins[0], "pedestrian", 4), Count(bins[1], "pedestrian", 0), Count(bins[2], "pedestrian", 2) };

        var chart = ReportCharts.Crossings("cam", "a", "in", counts, timeline, Text);

        Assert.Equal([0.125, 0.375, 1.125], chart.Bars.Select(b => b.Position)); // bin centres, in hours from 08:00
        Assert.Equal([4.0, 0.0, 2.0], chart.Bars.Select(b => b.Total));
        Assert.Empty(chart.Bars[1].Segments);
        Assert.All(chart.Bars, b => Assert.Null(b.Footage)); // whole bins: nothing to say over them
        Assert.Equal(new FootageGap(0.5, 1.0), Assert.Single(chart.Gaps));
        Assert.Equal((0.0, 1.25), (chart.XMin, chart.XMax));
    }

    [Fact]
    public void Classes_and_vehicle_types_are_stacked_in_a_fixed_order_and_only_the_line_and_direction_asked_for()
    {
        var bin = Bin(0);
        var counts = new[]
        {
            Count(bin, "truck", 1), Count(bin, "pedestrian", 5), Count(bin, "car", 3), Count(bin, "cycle", 0),
            Count(bin, "pedestrian", 7, direction: "out"), Count(bin, "pedestrian", 9, line: "b"),
        };

        var chart = ReportCharts.Crossings("cam", "a", "in", counts, new CameraTimeline([bin]), Text);

        var bar = Assert.Single(chart.Bars);
        Assert.Equal([("pedestrian", 5.0), ("car", 3.0), ("truck", 1.0)], bar.Segments.Select(s => (s.Series, s.Value)));
        Assert.Equal(["pedestrian", "car", "truck"], chart.Series);
        Assert.Equal("cam: line a, in", chart.Title);
        Assert.True(chart.WholeNumbers);
    }

    [Fact]
    public void A_suppressed_value_is_marked_and_never_added_to_its_bar()
    {
        var bin = Bin(0);
        var counts = new[] { Count(bin, "pedestrian", 12), Count(bin, "cycle", null, suppressed: true) };

        var bar = Assert.Single(ReportCharts.Crossings("cam", "a", "in", counts, new CameraTimeline([bin]), Text).Bars);

        Assert.True(bar.HasHidden);
        Assert.Equal(12, bar.Total);
        Assert.Equal(["pedestrian"], bar.Segments.Select(s => s.Series));
    }

    [Fact]
    public void A_bin_with_part_of_its_footage_says_how_much_over_its_bar()
    {
        CoverageBin[] bins = [Bin(0, 30), Bin(15, 899.6)];

        var chart = ReportCharts.Crossings("cam", "a", "in", [Count(bins[0], "pedestrian", 9)], new CameraTimeline(bins), Text);

        Assert.Equal(["30 s", "15 min"], chart.Bars.Select(b => b.Footage));
    }

    [Theory]
    [InlineData(0.4, "0 s")]
    [InlineData(30, "30 s")]
    [InlineData(59.6, "1 min")]
    [InlineData(749.5, "12 min")]
    [InlineData(3569, "59 min")]
    [InlineData(3600, "1 h")]
    [InlineData(9000, "2.5 h")]
    public void Footage_is_written_in_seconds_minutes_or_hours(double seconds, string text) =>
        Assert.Equal(text, ReportCharts.FootageText(seconds));

    [Theory]
    [InlineData(4500, "en", "4,500")]
    [InlineData(4500, "fr", "4\u00A0500")]
    [InlineData(0.25, "fr", "0,25")]
    [InlineData(1234567.5, "en", "1,234,567.5")]
    public void Axis_numbers_are_written_as_the_report_s_language_writes_them(double value, string language, string text) =>
        Assert.Equal(text, (language == "fr" ? ReportText.French : ReportText.English).Number(value));

    [Fact]
    public void Coverage_is_the_share_of_each_bin_analysed()
    {
        var chart = ReportCharts.Coverage("cam", new CameraTimeline([Bin(0, 900), Bin(15, 30)]), Text);

        Assert.Equal([100.0, 3.33], chart.Bars.Select(b => b.Total));
        Assert.Empty(chart.Gaps);
    }

    [Fact]
    public void The_daily_profile_is_crossings_per_hour_of_footage_by_local_hour_and_hours_without_footage_are_gaps()
    {
        // 08:00 (full), 08:15 (5 minutes of footage) and 10:00 (full): 8 h has 20 minutes of footage, 10 h 15, 9 h none.
        CoverageBin[] bins = [Bin(0), Bin(15, 300), Bin(120)];
        var counts = new[] { Count(bins[0], "pedestrian", 6), Count(bins[1], "pedestrian", 4), Count(bins[1], "car", 2, line: "b"), Count(bins[2], "pedestrian", 3) };

        var chart = ReportCharts.DailyProfile("cam", counts, new CameraTimeline(bins), Text)!;

        Assert.Equal([8.5, 10.5], chart.Bars.Select(b => b.Position));
        Assert.Equal([("pedestrian", 30.0), ("car", 6.0)], chart.Bars[0].Segments.Select(s => (s.Series, s.Value))); // 10 and 2 in 1/3 h
        Assert.Equal(12.0, chart.Bars[1].Total); // 3 in a quarter hour
        Assert.Equal(["20 min", "15 min"], chart.Bars.Select(b => b.Footage));
        Assert.Equal([new FootageGap(0, 8), new FootageGap(9, 10), new FootageGap(11, 24)], chart.Gaps);
        Assert.Equal((0.0, 24.0), (chart.XMin, chart.XMax));
    }

    [Fact]
    public void There_is_no_profile_by_hour_of_day_when_bins_are_longer_than_an_hour()
    {
        var day = new CoverageBin("cam", Eight, Eight.AddHours(24), Eight.AddHours(1), 3600);

        Assert.Null(ReportCharts.DailyProfile("cam", [], new CameraTimeline([day]), Text));
    }

    [Fact]
    public void A_zone_shows_its_mean_stacked_by_class_each_class_maximum_as_a_marker_and_its_entries()
    {
        var bin = Bin(0);
        ZoneRow Zone(string series, double? mean, long? max, long? entries, bool suppressed = false) =>
            new("cam", "plaza", series, null, bin.Start, bin.End, bin.LocalStart, mean, max, entries, suppressed);
        var rows = new[] { Zone("pedestrian", 1.5, 4, 9), Zone("cycle", null, null, 5, suppressed: true) };
        var timeline = new CameraTimeline([bin]);

        var occupancy = ReportCharts.ZoneOccupancy("cam", "plaza", rows, timeline, Text);
        var entries = ReportCharts.ZoneEntries("cam", "plaza", rows, timeline, Text);

        Assert.Equal(1.5, Assert.Single(occupancy.Bars).Total);
        Assert.True(occupancy.Bars[0].HasHidden); // the cycles' maximum is hidden, and so is their mean
        Assert.Equal(new PointMarker(0.125, 4, "pedestrian"), Assert.Single(occupancy.Markers));
        Assert.Equal(14, Assert.Single(entries.Bars).Total);
        Assert.False(entries.Bars[0].HasHidden); // the entries themselves were not hidden
    }

    [Fact]
    public void The_origin_destination_matrix_sums_every_bin_and_class_and_marks_pairs_with_hidden_values()
    {
        CoverageBin[] bins = [Bin(0), Bin(15)];
        BinRow Trip(CoverageBin bin, string from, string to, long? count, bool suppressed = false) =>
            new("cam", from, to, "pedestrian", null, bin.Start, bin.End, bin.LocalStart, count, suppressed, 900);
        var trips = new[] { Trip(bins[0], "a", "b", 3), Trip(bins[1], "a", "b", 4), Trip(bins[0], "b", "a", null, suppressed: true), Trip(bins[1], "b", "a", 5) };

        var matrix = ReportCharts.OriginDestination("cam", trips, Text)!;

        Assert.Equal(["a", "b"], matrix.Labels);
        Assert.Equal((null, 7.0, 5.0, null), (matrix.Values[0, 0], matrix.Values[0, 1], matrix.Values[1, 0], matrix.Values[1, 1]));
        Assert.Equal((false, true), (matrix.Hidden[0, 1], matrix.Hidden[1, 0]));
        Assert.Null(ReportCharts.OriginDestination("other", trips, Text));
    }

    [Fact]
    public void The_repeated_autumn_hour_has_its_own_place_on_the_axis_labelled_with_the_wall_clock()
    {
        // Paris, 25 October 2026: 02:00-03:00 happens twice (UTC+2 then UTC+1); hourly bins at 00:00 UTC onwards.
        var midnight = new DateTime(2026, 10, 25, 0, 0, 0, DateTimeKind.Utc);
        CoverageBin Hour(int utcHour, int offset) => new("cam", midnight.AddHours(utcHour), midnight.AddHours(utcHour + 1), midnight.AddHours(utcHour + offset), 3600);
        var timeline = new CameraTimeline([Hour(0, 2), Hour(1, 1), Hour(2, 1)]);

        Assert.Equal([0.0, 1.0, 2.0], timeline.Ticks.Select(t => t.Position));
        Assert.Equal(["02:00", "02:00", "03:00"], timeline.Ticks.Select(t => t.Label));
        Assert.Empty(timeline.Gaps);
    }

    [Fact]
    public void Ticks_are_thinned_so_that_labels_never_crowd_and_show_the_date_over_several_days()
    {
        var bins = Enumerable.Range(0, 200).Select(i => Bin(i * 15)).ToList(); // 50 hours of quarter hours

        var timeline = new CameraTimeline(bins);

        Assert.InRange(timeline.Ticks.Count, 2, CameraTimeline.MaxTicks);
        Assert.Equal("21/11 08:00", timeline.Ticks[0].Label);
    }
}

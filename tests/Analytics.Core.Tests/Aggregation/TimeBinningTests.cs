using Analytics.Core.Aggregation;

namespace Analytics.Core.Tests.Aggregation;

public sealed class TimeBinningTests
{
    private static readonly TimeZoneInfo Paris = SyntheticScene.Paris;

    private static DateTimeOffset Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static string Show(TimeBin bin) => $"{bin.Start:yyyy-MM-ddTHH:mmzzz}/{bin.End:HH:mmzzz}";

    public static TheoryData<int, DateTimeOffset, string> Cases => new()
    {
        // An ordinary winter morning: 15-minute bins on the local quarter hours.
        { 15, Utc(11, 21, 7, 7), "2026-11-21T08:00+01:00/08:15+01:00" },
        { 60, Utc(11, 21, 7, 59), "2026-11-21T08:00+01:00/09:00+01:00" },
        { 1440, Utc(11, 21, 7, 7), "2026-11-21T00:00+01:00/00:00+01:00" },

        // Autumn: on 25 October 2026 at 01:00 UTC Paris goes from 03:00+02:00 back to 02:00+01:00.
        { 15, Utc(10, 25, 0, 50), "2026-10-25T02:45+02:00/02:00+01:00" },   // last quarter before the change ends at it
        { 15, Utc(10, 25, 1, 5), "2026-10-25T02:00+01:00/02:15+01:00" },    // the repeated hour has bins of its own
        { 60, Utc(10, 25, 0, 30), "2026-10-25T02:00+02:00/02:00+01:00" },
        { 60, Utc(10, 25, 1, 30), "2026-10-25T02:00+01:00/03:00+01:00" },
        { 120, Utc(10, 25, 0, 30), "2026-10-25T00:00+02:00/02:00+01:00" },  // 3 hours long: 02:00 is taken at its second passage
        { 120, Utc(10, 25, 1, 30), "2026-10-25T02:00+01:00/04:00+01:00" },
        { 1440, Utc(10, 25, 12, 0), "2026-10-25T00:00+02:00/00:00+01:00" }, // a 25-hour day

        // Spring: on 29 March 2026 at 01:00 UTC Paris jumps from 02:00+01:00 to 03:00+02:00.
        { 15, Utc(3, 29, 0, 59), "2026-03-29T01:45+01:00/03:00+02:00" },
        { 15, Utc(3, 29, 1, 0), "2026-03-29T03:00+02:00/03:15+02:00" },
        { 120, Utc(3, 29, 0, 30), "2026-03-29T00:00+01:00/03:00+02:00" },    // 02:00 never shows: the bin ends at the jump
        { 120, Utc(3, 29, 1, 30), "2026-03-29T03:00+02:00/04:00+02:00" },    // 1 hour long
        { 1440, Utc(3, 29, 12, 0), "2026-03-29T00:00+01:00/00:00+02:00" },   // a 23-hour day
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bins_follow_the_local_wall_clock_across_daylight_saving_changes(int minutes, DateTimeOffset instant, string expected)
    {
        var bin = new TimeBinning(minutes, Paris).BinOf(instant);

        Assert.Equal(expected, Show(bin));
        Assert.True(bin.Contains(instant));
    }

    [Theory]
    [InlineData(15, 100)]  // 96 quarter hours plus the 4 of the repeated hour
    [InlineData(60, 25)]
    [InlineData(120, 12)]
    [InlineData(1440, 1)]
    public void The_autumn_change_day_is_tiled_without_gap_or_overlap(int minutes, int expectedBins)
    {
        var binning = new TimeBinning(minutes, Paris);
        var dayStart = new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.FromHours(2));
        var dayEnd = new DateTimeOffset(2026, 10, 26, 0, 0, 0, TimeSpan.FromHours(1));

        var bins = binning.BinsOverlapping(dayStart, dayEnd).ToList();

        Assert.Equal(expectedBins, bins.Count);
        Assert.Equal(dayStart, bins[0].Start);
        Assert.Equal(dayEnd, bins[^1].End);
        Assert.All(bins.Zip(bins.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        Assert.Equal(TimeSpan.FromHours(25), bins.Aggregate(TimeSpan.Zero, (sum, bin) => sum + bin.Length));
    }

    [Theory]
    [InlineData(15, 92)]
    [InlineData(60, 23)]
    [InlineData(240, 6)]
    public void The_spring_change_day_is_tiled_without_gap_or_overlap(int minutes, int expectedBins)
    {
        var binning = new TimeBinning(minutes, Paris);
        var dayStart = new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.FromHours(1));
        var dayEnd = new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.FromHours(2));

        var bins = binning.BinsOverlapping(dayStart, dayEnd).ToList();

        Assert.Equal(expectedBins, bins.Count);
        Assert.All(bins.Zip(bins.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        Assert.Equal(TimeSpan.FromHours(23), bins.Aggregate(TimeSpan.Zero, (sum, bin) => sum + bin.Length));
    }

    [Fact]
    public void Every_minute_of_a_year_falls_in_exactly_the_bin_it_belongs_to()
    {
        var binning = new TimeBinning(15, Paris);
        for (var instant = Utc(1, 1, 0, 0); instant < Utc(12, 31, 0, 0); instant += TimeSpan.FromMinutes(7))
        {
            var bin = binning.BinOf(instant);
            Assert.True(bin.Contains(instant), instant.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(0, bin.Start.Minute % 15);
            Assert.Equal(binning.BinOf(bin.Start), bin);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(90)]
    [InlineData(2880)]
    public void Bin_lengths_that_do_not_tile_an_hour_or_a_day_are_refused(int minutes)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TimeBinning(minutes, Paris));

        Assert.Contains("bin length must be one of", error.Message, StringComparison.Ordinal);
    }
}

using System.Diagnostics;
using Analytics.Core.Time;

namespace Analytics.Core.Aggregation;

/// <summary>
/// Fixed-length time bins aligned to the wall clock of a camera's time zone (15-minute bins start at :00, :15, :30,
/// :45 local time; hourly and longer bins count from local midnight), correct across daylight-saving changes:
/// <list type="bullet">
/// <item>Bins of up to an hour follow the clock of each instant's own UTC offset and are cut at offset changes, so
/// the repeated hour of an autumn night gives two sets of bins with different offsets, and the skipped hour of a
/// spring night gives none.</item>
/// <item>Longer bins run from one wall-clock boundary to the next, so the bin holding a change is an hour longer
/// or shorter (a 25-hour day). A boundary the clock passes twice is taken at its second passage, one it skips at
/// the instant of the jump (<see cref="LocalTimeResolver.SecondPassageOrJump"/>, which says why).</item>
/// </list>
/// </summary>
public sealed class TimeBinning
{
    /// <summary>Bin lengths in minutes that tile an hour or a day exactly.</summary>
    public static readonly IReadOnlyList<int> AllowedMinutes = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440];

    private readonly TimeSpan _length;

    public TimeBinning(int minutes, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        if (!AllowedMinutes.Contains(minutes))
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, $"bin length must be one of {string.Join(", ", AllowedMinutes)} minutes");
        }

        Minutes = minutes;
        TimeZone = timeZone;
        _length = TimeSpan.FromMinutes(minutes);
    }

    public int Minutes { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The bin that holds <paramref name="instant"/>; its ends carry the local UTC offsets.</summary>
    public TimeBin BinOf(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        var bin = Minutes <= 60 ? ShortBinOf(utc) : LongBinOf(utc);
        Debug.Assert(bin.Contains(utc), "the bin holds its instant");
        return bin;
    }

    /// <summary>Every bin that overlaps [<paramref name="start"/>, <paramref name="end"/>), in order.</summary>
    public IEnumerable<TimeBin> BinsOverlapping(DateTimeOffset start, DateTimeOffset end)
    {
        var instant = start;
        while (instant < end)
        {
            var bin = BinOf(instant);
            yield return bin;
            instant = bin.End;
        }
    }

    private DateTimeOffset Local(DateTimeOffset utc) => utc.ToOffset(TimeZone.GetUtcOffset(utc));

    private TimeBin ShortBinOf(DateTimeOffset utc)
    {
        var local = Local(utc);
        var offset = local.Offset;
        var wall = local.DateTime;
        var floored = wall.Date + TimeSpan.FromMinutes(Math.Floor(wall.TimeOfDay.TotalMinutes / Minutes) * Minutes);
        var start = new DateTimeOffset(floored, offset);
        var end = start + _length;

        // Cut at a change of offset inside the bin: each bin lives on one offset of the clock.
        if (TimeZone.GetUtcOffset(start) != offset)
        {
            start = UtcOffsetChange.FirstAfter(TimeZone, start, utc);
        }

        if (TimeZone.GetUtcOffset(end - TimeSpan.FromTicks(1)) != offset)
        {
            end = UtcOffsetChange.FirstAfter(TimeZone, utc, end);
        }

        return new TimeBin(Local(start), Local(end));
    }

    private TimeBin LongBinOf(DateTimeOffset utc)
    {
        var wall = Local(utc).DateTime;
        var boundary = wall.Date + TimeSpan.FromMinutes(Math.Floor(wall.TimeOfDay.TotalMinutes / Minutes) * Minutes);
        var start = Resolve(boundary);
        if (start > utc)
        {
            boundary -= _length; // the boundary was passed a second time after this instant: it belongs to the bin before
            start = Resolve(boundary);
        }

        var end = Resolve(boundary + _length);
        return new TimeBin(Local(start), Local(end));
    }

    private DateTimeOffset Resolve(DateTime boundary) => LocalTimeResolver.SecondPassageOrJump.Resolve(boundary, TimeZone);
}

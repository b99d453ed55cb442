namespace Analytics.Core.Time;

/// <summary>Finds where a time zone's UTC offset changes, for callers that must cut or resolve time at a change.</summary>
internal static class UtcOffsetChange
{
    /// <summary>
    /// The first instant in (<paramref name="from"/>, <paramref name="to"/>] whose UTC offset in
    /// <paramref name="timeZone"/> differs from that of <paramref name="from"/>, as UTC. The caller knows the offset
    /// changes exactly once in the interval.
    /// </summary>
    public static DateTimeOffset FirstAfter(TimeZoneInfo timeZone, DateTimeOffset from, DateTimeOffset to)
    {
        // Bisection rather than the zone's adjustment rules: TimeZoneInfo's rules are awkward to read (floating
        // dates, base offset changes), while GetUtcOffset is exact and the search takes about 40 steps.
        var offset = timeZone.GetUtcOffset(from);
        long low = from.UtcTicks, high = to.UtcTicks;
        while (high - low > TimeSpan.TicksPerSecond)
        {
            var middle = low + ((high - low) / 2);
            if (timeZone.GetUtcOffset(new DateTimeOffset(middle, TimeSpan.Zero)) == offset)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        // Offset changes happen on whole seconds (in practice, whole minutes): the change is the first whole
        // second after low, which lies in (low, high] since high − low ≤ 1 s.
        return new DateTimeOffset(((low / TimeSpan.TicksPerSecond) + 1) * TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}

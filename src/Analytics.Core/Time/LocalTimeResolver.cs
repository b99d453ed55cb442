namespace Analytics.Core.Time;

/// <summary>
/// Answers "which instant is this wall-clock time in this time zone?", which a local time alone cannot answer twice
/// a year: at an autumn change the clock shows some times twice (ambiguous), at a spring change it never shows some
/// (skipped). Each named policy settles both cases, in the spirit of NodaTime's <c>Resolvers</c>; every place in
/// the product that turns a local time into an instant goes through one of them.
/// </summary>
/// <remarks>
/// <para>
/// There are two policies because the product's two callers need different answers, and both answers are already
/// part of what users see (file start times in the run report, bin boundaries in every output):
/// </para>
/// <list type="bullet">
/// <item><see cref="FirstPassageOrRefuse"/> reads a recording's start from its file name (the CLI's job loader).
/// A name without an offset cannot say which passage it means; the first is taken so the answer is at least
/// predictable (a job whose recordings run through the change should use a name format with an offset). A name
/// the clock never shows cannot be the start of a recording made on that clock, so the format or the time zone is
/// wrong: it is refused rather than moved.</item>
/// <item><see cref="SecondPassageOrJump"/> places the boundaries of bins longer than an hour
/// (<c>Aggregation.TimeBinning</c>). Bins must tile time without a gap, so no boundary may be refused: a skipped
/// one is the instant the clock jumps over it. A repeated one is taken at its second passage, so that the bin
/// starting there starts on the clock's new offset, as the short bins after the change do, and the first passage
/// through the repeated hour stays in the bin that ends there.</item>
/// </list>
/// <para>
/// The wall-clock time's <see cref="DateTime.Kind"/> is ignored: it is always read on the given zone's clock. The
/// instant returned carries the UTC offset that clock has at that instant.
/// </para>
/// </remarks>
public sealed class LocalTimeResolver
{
    private readonly bool _takeSecondPassage;
    private readonly bool _refuseSkipped;

    private LocalTimeResolver(bool takeSecondPassage, bool refuseSkipped)
    {
        _takeSecondPassage = takeSecondPassage;
        _refuseSkipped = refuseSkipped;
    }

    /// <summary>A time shown twice is its first passage (the larger UTC offset); a skipped time is refused.</summary>
    public static LocalTimeResolver FirstPassageOrRefuse { get; } = new(takeSecondPassage: false, refuseSkipped: true);

    /// <summary>
    /// A time shown twice is its second passage (the smaller UTC offset); a skipped time is the instant the clock
    /// jumps over it (so every skipped time of one night maps to the same instant). Never refuses.
    /// </summary>
    public static LocalTimeResolver SecondPassageOrJump { get; } = new(takeSecondPassage: true, refuseSkipped: false);

    /// <summary>
    /// The instant at which <paramref name="timeZone"/>'s clock shows <paramref name="wallClock"/>, under this
    /// policy; false (and <c>default</c>) only when the policy refuses a skipped time.
    /// </summary>
    public bool TryResolve(DateTime wallClock, TimeZoneInfo timeZone, out DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var wall = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (timeZone.IsAmbiguousTime(wall))
        {
            var passages = timeZone.GetAmbiguousTimeOffsets(wall).Select(o => new DateTimeOffset(wall, o)).ToList();
            instant = _takeSecondPassage ? passages.Max() : passages.Min();
            return true;
        }

        if (timeZone.IsInvalidTime(wall))
        {
            if (_refuseSkipped)
            {
                instant = default;
                return false;
            }

            // Read on the clock of the day before the jump the time is already past it, on the clock of the day
            // after it is not yet there: the jump lies between the two readings. A day either side reaches past
            // the longest gap so far (Samoa skipped the whole of 30 December 2011).
            var onClockAfter = new DateTimeOffset(wall, timeZone.GetUtcOffset(wall.AddDays(1)));
            var onClockBefore = new DateTimeOffset(wall, timeZone.GetUtcOffset(wall.AddDays(-1)));
            var jump = UtcOffsetChange.FirstAfter(timeZone, onClockAfter, onClockBefore);
            instant = jump.ToOffset(timeZone.GetUtcOffset(jump));
            return true;
        }

        instant = new DateTimeOffset(wall, timeZone.GetUtcOffset(wall));
        return true;
    }

    /// <summary>As <see cref="TryResolve"/>, for a policy or a time that cannot be refused.</summary>
    /// <exception cref="ArgumentException"><paramref name="wallClock"/> is skipped and this policy refuses it.</exception>
    public DateTimeOffset Resolve(DateTime wallClock, TimeZoneInfo timeZone) =>
        TryResolve(wallClock, timeZone, out var instant)
            ? instant
            : throw new ArgumentException($"{wallClock:yyyy-MM-dd HH:mm:ss} is never shown in {timeZone.Id} (skipped by a change of UTC offset)", nameof(wallClock));
}

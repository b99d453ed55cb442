namespace Analytics.Core.Aggregation;

/// <summary>
/// What a zone held during one minute: object-time inside it (ticks), the most objects inside at once, and the
/// objects that entered.
/// </summary>
public readonly record struct ZoneTally(long PresenceTicks, int Peak, int Entries)
{
    /// <summary>Two contributions to the same minute (two segments or files): times and entries add, peaks do not.</summary>
    public ZoneTally Plus(ZoneTally other) => new(PresenceTicks + other.PresenceTicks, Math.Max(Peak, other.Peak), Entries + other.Entries);
}

namespace Analytics.Core.Aggregation;

/// <summary>A half-open time bin [Start, End) with the UTC offsets of the camera's wall clock at both ends.</summary>
public readonly record struct TimeBin(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;
}

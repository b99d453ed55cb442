using Analytics.Core.Counting;

namespace Analytics.Core.Aggregation;

/// <summary>Trips from one line to another of one class, timed at the second crossing, in one UTC minute.</summary>
public readonly record struct TripTallyKey(int From, int To, ClassKey Class, long Minute);

using Analytics.Core.Counting;

namespace Analytics.Core.Aggregation;

/// <summary>One zone and class in one UTC minute.</summary>
public readonly record struct ZoneTallyKey(int Zone, ClassKey Class, long Minute);

using Analytics.Core.Counting;

namespace Analytics.Core.Aggregation;

/// <summary>Line crossings of one line, direction and class in one UTC minute.</summary>
public readonly record struct CrossingTallyKey(int Line, CrossingDirection Direction, ClassKey Class, long Minute);

using Analytics.Core.Geometry;

namespace Analytics.Core.Counting;

/// <summary>A counting zone: a polygon in frame pixels; an object is inside when its anchor is.</summary>
public sealed record CountingZone(string Id, Polygon Polygon);

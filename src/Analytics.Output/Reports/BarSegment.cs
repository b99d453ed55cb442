namespace Analytics.Output.Reports;

/// <summary>One series' part of a stacked bar (a class, a vehicle type, or footage).</summary>
public sealed record BarSegment(string Series, double Value);

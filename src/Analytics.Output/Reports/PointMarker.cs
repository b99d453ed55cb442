namespace Analytics.Output.Reports;

/// <summary>A value drawn as a marker over a bar (the maximum number in a zone), in a series' colour.</summary>
public sealed record PointMarker(double Position, double Value, string Series);

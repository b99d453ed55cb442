namespace Analytics.Output.Reports;

/// <summary>A stretch of a chart's x axis without footage: drawn shaded and labelled, never as zeros.</summary>
public sealed record FootageGap(double Start, double End);

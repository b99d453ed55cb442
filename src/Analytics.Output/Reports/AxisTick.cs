namespace Analytics.Output.Reports;

/// <summary>A labelled tick on a chart's x axis.</summary>
public sealed record AxisTick(double Position, string Label);

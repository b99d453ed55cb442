namespace Analytics.Output.Reports;

/// <summary>A chart drawn for the report: the PNG file name it is written under beside the HTML, its title, its image.</summary>
public sealed record RenderedChart(string FileName, string Title, byte[] Png);

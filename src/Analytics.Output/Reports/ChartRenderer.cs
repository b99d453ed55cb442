using System.Globalization;
using ScottPlot;

namespace Analytics.Output.Reports;

/// <summary>
/// Draws <see cref="BarChart"/> and <see cref="MatrixChart"/> as PNG images with ScottPlot: stacked bars in a fixed
/// colour per class, gaps without footage shaded and labelled, hidden values marked with *, the x axis labelled with
/// the camera's wall clock. Only aggregates are drawn; no frame is ever an input.
/// </summary>
public static class ChartRenderer
{
    public const int Width = 900;

    public const int Height = 340;

    /// <summary>Above this many bars, the footage is not written over each bar: it would crowd (the coverage chart shows it).</summary>
    public const int MaxNotedBars = 48;

    private static readonly Color GapColor = Color.FromHex("#9E9E9E").WithAlpha(0.25);

    private static readonly Dictionary<string, Color> Colours = new(StringComparer.Ordinal)
    {
        ["pedestrian"] = Color.FromHex("#1F77B4"),
        ["cycle"] = Color.FromHex("#2CA02C"),
        ["vehicle"] = Color.FromHex("#FF7F0E"),
        ["car"] = Color.FromHex("#FF7F0E"),
        ["motorcycle"] = Color.FromHex("#D62728"),
        ["bus"] = Color.FromHex("#9467BD"),
        ["truck"] = Color.FromHex("#8C564B"),
        ["footage"] = Color.FromHex("#4C72B0"),
    };

    public static byte[] Render(BarChart chart, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(text);
        using var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(chart.Title, size: 15);
        plot.XLabel(chart.XLabel, size: 13);
        plot.YLabel(chart.YLabel, size: 13);

        var top = Math.Max(1, Math.Max(chart.Bars.Select(b => b.Total).DefaultIfEmpty(0).Max(), chart.Markers.Select(m => m.Value).DefaultIfEmpty(0).Max())) * 1.18;
        foreach (var gap in chart.Gaps)
        {
            var span = plot.Add.HorizontalSpan(gap.Start, gap.End, GapColor);
            span.LineStyle.Width = 0;
            var label = plot.Add.Text(text.NoFootage, (gap.Start + gap.End) / 2, top * 0.5);
            label.LabelFontSize = 12;
            label.LabelFontColor = Color.FromHex("#555555");
            label.LabelAlignment = Alignment.MiddleCenter;
            label.LabelRotation = -90;
        }

        var bars = new List<Bar>();
        foreach (var bar in chart.Bars)
        {
            var bottom = 0.0;
            foreach (var segment in bar.Segments)
            {
                bars.Add(new Bar { Position = bar.Position, Size = bar.Width, ValueBase = bottom, Value = bottom + segment.Value, FillColor = ColourOf(segment.Series), LineWidth = 0 });
                bottom += segment.Value;
            }

            var above = (bar.HasHidden ? "* " : "") + (chart.Bars.Count <= MaxNotedBars ? bar.Footage ?? "" : "");
            if (above.Trim().Length > 0)
            {
                var mark = plot.Add.Text(above.Trim(), bar.Position, bottom);
                mark.LabelFontSize = 12;
                mark.LabelBold = bar.HasHidden;
                mark.LabelFontColor = Color.FromHex("#333333");
                mark.LabelAlignment = Alignment.LowerCenter;
            }
        }

        if (bars.Count > 0)
        {
            plot.Add.Bars(bars);
        }

        foreach (var marker in chart.Markers)
        {
            plot.Add.Marker(marker.Position, marker.Value, MarkerShape.FilledDiamond, 9, ColourOf(marker.Series).Darken(0.3));
        }

        foreach (var series in chart.Series)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = text.SeriesName(series), FillColor = ColourOf(series) });
        }

        if (chart.Series.Count > 0)
        {
            plot.ShowLegend(Edge.Right);
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. chart.Ticks.Select(t => t.Position)], [.. chart.Ticks.Select(t => t.Label)]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = text.Number, IntegerTicksOnly = chart.WholeNumbers };
        var margin = (chart.XMax - chart.XMin) * 0.02;
        plot.Axes.SetLimits(chart.XMin - margin, chart.XMax + margin, 0, top);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    public static byte[] Render(MatrixChart chart, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(text);
        var n = chart.Labels.Count;
        // Heatmap rows are drawn top to bottom: row i is the line objects came from, column j the line they reached.
        var intensities = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                intensities[i, j] = chart.Values[i, j] ?? double.NaN;
            }
        }

        using var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(chart.Title, size: 15);
        plot.XLabel(text.To, size: 13);
        plot.YLabel(text.From, size: 13);
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.NaNCellColor = Color.FromHex("#EEEEEE");
        var scale = plot.Add.ColorBar(heatmap);
        scale.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = text.Number, IntegerTicksOnly = true };
        var max = chart.Values.Cast<double?>().Max() ?? 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var value = chart.Values[i, j];
                var label = value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) + (chart.Hidden[i, j] ? "*" : "") : "–";
                var cell = plot.Add.Text(label, j, n - 1 - i);
                cell.LabelFontSize = 14;
                cell.LabelBold = true;
                cell.LabelAlignment = Alignment.MiddleCenter;
                cell.LabelFontColor = value is { } shown && shown > max * 0.6 ? Colors.Black : Colors.White;
                if (value is null)
                {
                    cell.LabelFontColor = Colors.Gray;
                }
            }
        }

        double[] positions = [.. Enumerable.Range(0, n).Select(i => (double)i)];
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, [.. chart.Labels]);
        if (n > 4 || chart.Labels.Any(l => l.Length > 10))
        {
            // Slanted, so that long line names side by side never run into each other.
            plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.UpperLeft;
            plot.Axes.Bottom.MinimumSize = 30 + (4 * chart.Labels.Max(l => l.Length));
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, [.. chart.Labels.Reverse()]);
        var size = Math.Clamp(120 + (70 * n), 360, 900);
        return plot.GetImageBytes(Math.Max(size + 160, 760), size, ImageFormat.Png); // never narrower than the title
    }

    private static Color ColourOf(string series) => Colours.TryGetValue(series, out var colour) ? colour : Colors.Gray;
}

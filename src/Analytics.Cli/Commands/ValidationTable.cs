using System.Globalization;
using System.Text;
using Analytics.Runs.Validation;

namespace Analytics.Cli.Commands;

/// <summary>A validation report for people: the per-key table, then the metrics and the notes.</summary>
internal static class ValidationTable
{
    private static readonly string[] Header = ["camera", "line", "direction", "class", "type", "tool", "truth", "error"];

    public static string Render(ValidationReport report, double? maxErrorPercent)
    {
        var text = new StringBuilder();
        var bins = report.ComparedBins;
        text.AppendLine(bins.Count == 0
            ? $"Truth: {report.Truth.Source} ({report.Truth.Format}); no bin compared."
            : $"Truth: {report.Truth.Source} ({report.Truth.Format}); compared {bins.Count} bin(s) from {CountsFile.Time(bins.Min(b => b.Bin.Start))} to {CountsFile.Time(bins.Max(b => b.Bin.End))}.");
        var shown = report.Keys.Where(k => k.Tool != 0 || k.Truth != 0).ToList();
        var rows = new List<string[]> { Header };
        rows.AddRange(shown.Select(k => new[]
        {
            k.Key.CameraId, k.Key.LineId, k.Key.Direction, k.Key.Class, k.Key.VehicleType,
            Number(k.Tool), Number(k.Truth), k.Error.ToString("+0;-0;0", CultureInfo.InvariantCulture),
        }));
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            text.AppendLine("  " + string.Join("  ", row.Select((cell, c) => c >= 5 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        }

        if (shown.Count < report.Keys.Count)
        {
            text.AppendLine(Invariant($"  ({report.Keys.Count - shown.Count} key(s) where the tool and the truth are both 0 are not shown)"));
        }

        var m = report.Metrics;
        text.AppendLine(Invariant($"Total absolute error: {ValidationJson.Percent(m.TotalAbsoluteError)} (sum of |tool - truth| {m.AbsoluteErrorSum}, truth {m.TruthTotal}, tool {m.ToolTotal})"));
        text.AppendLine(Invariant($"Per-bin MAPE: {ValidationJson.Percent(m.Mape)} over {m.MapeCells} cell(s) with truth > 0 (a cell is one key in one bin)"));
        text.AppendLine(Invariant($"GEH < 5: {ValidationJson.Percent(m.GehShareBelow5)} of {m.Cells} cell(s)"));
        if (maxErrorPercent is { } limit)
        {
            text.AppendLine(m.Exceeds(limit)
                ? Invariant($"ABOVE the allowed error of {limit:0.##} % (exit code 7)")
                : Invariant($"Within the allowed error of {limit:0.##} %"));
        }

        foreach (var note in report.Notes)
        {
            text.AppendLine($"Note: {note}");
        }

        return text.ToString().TrimEnd();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

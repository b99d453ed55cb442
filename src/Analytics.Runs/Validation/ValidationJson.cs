using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Analytics.Runs.Validation;

/// <summary>
/// A validation report as one JSON object: printed by front ends and written as validation.json beside the results
/// it validated. Shares are fractions (0.125 is 12.5 %); a metric without a defined value is null.
/// </summary>
public static class ValidationJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Of(ValidationReport report, ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(context);
        var m = report.Metrics;
        return new JsonObject
        {
            ["job"] = context.JobPath,
            ["truth"] = report.Truth.Source,
            ["truth_format"] = report.Truth.Format,
            ["results"] = context.ResultsDirectory,
            ["analysis_fps"] = context.AnalysisFps,
            ["compared_bins"] = new JsonArray(report.ComparedBins.Select(b => (JsonNode)new JsonObject
            {
                ["camera_id"] = b.CameraId,
                ["bin_start"] = CountsFile.Time(b.Bin.Start),
                ["bin_end"] = CountsFile.Time(b.Bin.End),
            }).ToArray()),
            ["cells"] = m.Cells,
            ["tool_total"] = m.ToolTotal,
            ["truth_total"] = m.TruthTotal,
            ["abs_error_sum"] = m.AbsoluteErrorSum,
            ["total_abs_error"] = Share(m.TotalAbsoluteError),
            ["mape"] = Share(m.Mape),
            ["mape_cells"] = m.MapeCells,
            ["geh_share_below_5"] = Share(m.GehShareBelow5),
            ["max_error_percent"] = context.MaxErrorPercent,
            ["above_max_error"] = context.MaxErrorPercent is { } limit ? m.Exceeds(limit) : null,
            ["rows"] = new JsonArray(report.Keys.Select(k => (JsonNode)Key(k.Key, new JsonObject { ["tool"] = k.Tool, ["truth"] = k.Truth, ["error"] = k.Error })).ToArray()),
            ["bins"] = new JsonArray(report.Cells.Select(c => (JsonNode)Key(c.Key, new JsonObject
            {
                ["bin_start"] = CountsFile.Time(c.Bin.Start),
                ["bin_end"] = CountsFile.Time(c.Bin.End),
                ["tool"] = c.Tool,
                ["truth"] = c.Truth,
                ["error"] = c.Error,
                ["geh"] = Math.Round(c.Geh, 3),
            })).ToArray()),
            ["notes"] = new JsonArray(report.Notes.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()),
        };
    }

    public static string Text(JsonObject json, bool indented) => json.ToJsonString(indented ? Indented : Compact);

    private static JsonObject Key(CountKey key, JsonObject values)
    {
        var row = new JsonObject
        {
            ["camera_id"] = key.CameraId,
            ["line_id"] = key.LineId,
            ["direction"] = key.Direction,
            ["class"] = key.Class,
            ["vehicle_type"] = key.VehicleType,
        };
        foreach (var (name, value) in values.ToList())
        {
            values.Remove(name);
            row[name] = value;
        }

        return row;
    }

    private static double? Share(double? value) => value is { } v ? Math.Round(v, 4) : null;

    /// <summary>Percent with one decimal, for people.</summary>
    public static string Percent(double? share) => share is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "n/a";
}

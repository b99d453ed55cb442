using System.Text.Json;

namespace Analytics.Output.Reports;

/// <summary>The figures of a <c>validate</c> report (validation.json) the report shows: totals, metrics and per-key rows.</summary>
public sealed record ValidationFacts(
    string Truth, long ToolTotal, long TruthTotal, double? TotalAbsoluteError, double? Mape, double? GehShareBelow5, int ComparedBins,
    IReadOnlyList<(string Camera, string Line, string Direction, string Class, long Tool, long Truth)> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>Reads validation.json from the folder; null when there is none.</summary>
    public static ValidationFacts? Read(string directory)
    {
        var path = Path.Combine(directory, "validation.json");
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        double? Share(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        return new ValidationFacts(
            Path.GetFileName(root.GetProperty("truth").GetString() ?? ""),
            root.GetProperty("tool_total").GetInt64(),
            root.GetProperty("truth_total").GetInt64(),
            Share("total_abs_error"),
            Share("mape"),
            Share("geh_share_below_5"),
            root.GetProperty("compared_bins").GetArrayLength(),
            [.. root.GetProperty("rows").EnumerateArray().Select(r => (
                r.GetProperty("camera_id").GetString()!,
                r.GetProperty("line_id").GetString()!,
                r.GetProperty("direction").GetString()!,
                r.GetProperty("class").GetString()! + (r.GetProperty("vehicle_type").GetString() is { Length: > 0 } type ? $" ({type})" : ""),
                r.GetProperty("tool").GetInt64(),
                r.GetProperty("truth").GetInt64()))],
            [.. root.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!)]);
    }
}

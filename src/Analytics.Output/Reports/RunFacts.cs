using System.Globalization;
using System.Text.Json;
using Analytics.Output.Query;

namespace Analytics.Output.Reports;

/// <summary>What the report states about the run, read from the folder's run.json and the last line of its audit log.</summary>
public sealed record RunFacts
{
    public required string Purpose { get; init; }

    public required string LegalBasis { get; init; }

    public required string Controller { get; init; }

    public required string Decision { get; init; }

    public required string JobSha256 { get; init; }

    public required string Software { get; init; }

    public required string ModelId { get; init; }

    public required string ModelSha256 { get; init; }

    /// <summary>Settings as name and value, in run.json's order.</summary>
    public required IReadOnlyList<(string Name, string Value)> Settings { get; init; }

    public required int? SuppressBelow { get; init; }

    /// <summary>Each camera's IANA time zone.</summary>
    public required IReadOnlyDictionary<string, string> TimeZones { get; init; }

    public required int InputCount { get; init; }

    public required IReadOnlyList<InputProblem> Problems { get; init; }

    /// <summary>The audit log's last hash, null when the folder has no audit.jsonl.</summary>
    public required string? LastAuditHash { get; init; }

    public static RunFacts Read(string directory)
    {
        var path = Path.Combine(directory, "run.json");
        if (!File.Exists(path))
        {
            throw new QueryException(QueryFailure.DatasetUnavailable, $"the results folder {directory} has no run.json: the report's accountability block needs it");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var job = root.GetProperty("job");
            var model = root.GetProperty("model");
            var inputs = root.GetProperty("inputs").EnumerateArray().ToList();
            return new RunFacts
            {
                Purpose = job.GetProperty("purpose").GetString()!,
                LegalBasis = job.GetProperty("legal_basis").GetString()!,
                Controller = job.GetProperty("controller").GetString()!,
                Decision = job.GetProperty("decision_reference").GetString()!,
                JobSha256 = job.GetProperty("sha256").GetString()!,
                Software = root.GetProperty("generator").GetString()!,
                ModelId = model.GetProperty("id").GetString()!,
                ModelSha256 = model.GetProperty("sha256").GetString()!,
                Settings = [.. root.GetProperty("settings").EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).Select(p => (p.Name, Text(p.Value)))],
                SuppressBelow = job.TryGetProperty("suppress_below", out var k) && k.ValueKind == JsonValueKind.Number ? k.GetInt32() : null,
                TimeZones = job.GetProperty("cameras").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("time_zone").GetString()!),
                InputCount = inputs.Count,
                Problems = [.. inputs
                    .Where(i => i.GetProperty("status").GetString() != "ok")
                    .Select(i => new InputProblem(i.GetProperty("camera_id").GetString()!, i.GetProperty("path").GetString()!, i.GetProperty("status").GetString()!, i.GetProperty("error").GetString()))],
                LastAuditHash = LastHash(Path.Combine(directory, "audit.jsonl")),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            throw new QueryException(QueryFailure.DatasetUnavailable, $"{path} cannot be read ({e.Message})");
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetDouble().ToString(CultureInfo.InvariantCulture),
        _ => value.GetRawText(),
    };

    private static string? LastHash(string audit)
    {
        if (!File.Exists(audit))
        {
            return null;
        }

        var last = File.ReadLines(audit).LastOrDefault(l => l.Trim().Length > 0);
        if (last is null)
        {
            return null;
        }

        using var entry = JsonDocument.Parse(last);
        return entry.RootElement.TryGetProperty("hash", out var hash) ? hash.GetString() : null;
    }
}

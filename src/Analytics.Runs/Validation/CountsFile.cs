using System.Globalization;
using System.Text;
using Analytics.Core.Aggregation;

namespace Analytics.Runs.Validation;

/// <summary>
/// Reads files in the layout of counts.csv: the tool's own output, or counts made by hand in the same layout
/// (a spreadsheet saved as CSV). Columns are found by their header name, in any order; <c>suppressed</c> and
/// <c>vehicle_type</c> may be left out. Every problem is reported with its line number.
/// </summary>
public static class CountsFile
{
    /// <summary>The columns of counts.csv, in its order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["camera_id", "line_id", "direction", "class", "vehicle_type", "bin_start", "bin_end", "count", "suppressed"];

    private static readonly string[] Required = ["camera_id", "line_id", "direction", "class", "bin_start", "bin_end", "count"];

    /// <summary>Reads <paramref name="path"/>; throws <see cref="TruthException"/> for a missing, empty or malformed file.</summary>
    public static IReadOnlyList<CountsFileRow> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new TruthException($"{path}: file not found");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads the text of a counts file; <paramref name="name"/> names it in messages.</summary>
    public static IReadOnlyList<CountsFileRow> Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.TrimStart('\uFEFF').Split('\n');
        var headerAt = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerAt < 0)
        {
            throw new TruthException($"{name}: the file is empty; expected the header {string.Join(',', Columns)} and one row per count");
        }

        List<string> header;
        try
        {
            header = Fields(lines[headerAt]).Select(h => h.Trim().ToLowerInvariant()).ToList();
        }
        catch (FormatException e)
        {
            throw new TruthException($"{name} line {headerAt + 1}: {e.Message}");
        }

        var missing = Required.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new TruthException($"{name} line {headerAt + 1}: the header lacks {string.Join(", ", missing)} (expected {string.Join(',', Columns)})");
        }

        int At(string column) => header.IndexOf(column);
        var (camera, line, direction, objectClass, vehicleType) = (At("camera_id"), At("line_id"), At("direction"), At("class"), At("vehicle_type"));
        var (start, end, count, suppressed) = (At("bin_start"), At("bin_end"), At("count"), At("suppressed"));
        var rows = new List<CountsFileRow>();
        var problems = new List<string>();
        for (var i = headerAt + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var where = $"{name} line {i + 1}";
            try
            {
                var fields = Fields(lines[i]);
                if (fields.Count != header.Count)
                {
                    problems.Add($"{where}: {fields.Count} field(s), but the header has {header.Count}");
                    continue;
                }

                string Field(int column) => column < 0 ? "" : fields[column].Trim();
                var key = new CountKey(Field(camera), Field(line), Field(direction), Field(objectClass).ToLowerInvariant(), Field(vehicleType).ToLowerInvariant());
                foreach (var (value, column) in new[] { (key.CameraId, "camera_id"), (key.LineId, "line_id"), (key.Direction, "direction"), (key.Class, "class") })
                {
                    if (value.Length == 0)
                    {
                        throw new FormatException($"{column} is empty");
                    }
                }

                var binStart = Time(Field(start), "bin_start");
                var binEnd = Time(Field(end), "bin_end");
                if (binEnd <= binStart)
                {
                    throw new FormatException($"bin_end {Field(end)} is not after bin_start {Field(start)}");
                }

                rows.Add(new CountsFileRow(i + 1, key, new TimeBin(binStart, binEnd), Count(Field(count)), Flag(Field(suppressed))));
            }
            catch (FormatException e)
            {
                problems.Add($"{where}: {e.Message}");
            }
        }

        if (problems.Count > 0)
        {
            throw new TruthException(problems);
        }

        if (rows.Count == 0)
        {
            throw new TruthException($"{name}: the file has a header but no rows");
        }

        return rows;
    }

    /// <summary>One line of a counts file, as written by the product (quoted only when needed).</summary>
    public static string Line(CountKey key, TimeBin bin, int? count) =>
        string.Join(',', Quote(key.CameraId), Quote(key.LineId), Quote(key.Direction), Quote(key.Class), Quote(key.VehicleType),
            Time(bin.Start), Time(bin.End), count?.ToString(CultureInfo.InvariantCulture) ?? "", "false");

    /// <summary>Times as counts.csv writes them: ISO-8601 to the second, with the local UTC offset.</summary>
    public static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text, string column)
    {
        // An offset is required: a bare local time would say nothing about which of two autumn hours it is.
        if (!DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd HH:mm:sszzz"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            throw new FormatException($"{column} '{text}' is not an ISO-8601 time with its UTC offset, e.g. 2026-11-21T08:00:00+01:00");
        }

        return time;
    }

    private static int? Count(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new FormatException($"count '{text}' is not a whole number of 0 or more");
    }

    private static bool Flag(string text) => text.ToLowerInvariant() switch
    {
        "" or "false" or "0" => false,
        "true" or "1" => true,
        _ => throw new FormatException($"suppressed '{text}' is neither true nor false"),
    };

    /// <summary>The fields of one CSV line (RFC 4180 quoting; a quoted field may not span lines).</summary>
    private static List<string> Fields(string line)
    {
        line = line.TrimEnd('\r');
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new FormatException("a quoted field is not closed");
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

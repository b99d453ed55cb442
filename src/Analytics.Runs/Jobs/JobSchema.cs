using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Analytics.Runs.Jobs;

/// <summary>
/// Checks a job file's shape against the job document types before it is read into them, so that every unknown
/// field and every value of the wrong kind is reported at once, with its JSON path and in the job's own words
/// (<c>binMinutes: expected a whole number of minutes</c>, <c>cameras[0]: expected an object, found null</c>,
/// <c>binMinute: unknown field; did you mean 'binMinutes'?</c>), never as a .NET type name.
/// </summary>
internal static class JobSchema
{
    /// <summary>What a whole number counts, where a field name alone does not say it.</summary>
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["binMinutes"] = " of minutes",
        ["retentionDays"] = " of days",
    };

    public static List<string> Check(JsonElement root)
    {
        var problems = new List<string>();
        CheckObject(root, typeof(JobDocument), "", problems);
        return problems;
    }

    private static void CheckObject(JsonElement element, Type document, string path, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{Name(path)}: expected an object {{ ... }}, found {Found(element)}");
            return;
        }

        var fields = document.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (!fields.TryGetValue(property.Name, out var field))
            {
                var closest = fields.Keys.MinBy(known => Distance(known, property.Name))!;
                problems.Add(Distance(closest, property.Name) <= Math.Max(2, property.Name.Length / 3)
                    ? $"{at}: unknown field; did you mean '{closest}'?"
                    : $"{at}: unknown field (known here: {string.Join(", ", fields.Keys)})");
                continue;
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue; // an optional field left empty; required ones are reported by the loader
            }

            CheckValue(property.Value, field.PropertyType, at, property.Name, problems);
        }
    }

    private static void CheckValue(JsonElement value, Type type, string path, string field, List<string> problems)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            Expect(value.ValueKind == JsonValueKind.String, "text in quotes");
        }
        else if (type == typeof(int))
        {
            Expect(value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _), $"a whole number{Units.GetValueOrDefault(field, "")}");
        }
        else if (type == typeof(float))
        {
            Expect(value.ValueKind == JsonValueKind.Number && value.TryGetSingle(out var f) && float.IsFinite(f), "a number");
        }
        else if (type == typeof(float[]))
        {
            // The number of coordinates is the loader's to check, with the job's other problems.
            Expect(value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(c => c.ValueKind == JsonValueKind.Number && c.TryGetSingle(out _)),
                "a point [x, y] in frame pixels");
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                problems.Add($"{path}: expected a list [ ... ], found {Found(value)}");
                return;
            }

            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var at = string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]");
                if (item.ValueKind == JsonValueKind.Null)
                {
                    problems.Add($"{at}: expected {Describe(type.GetGenericArguments()[0])}, found null");
                    continue;
                }

                CheckValue(item, type.GetGenericArguments()[0], at, field, problems);
            }
        }
        else
        {
            CheckObject(value, type, path, problems);
        }

        void Expect(bool ok, string expected)
        {
            if (!ok)
            {
                problems.Add($"{path}: expected {expected}, found {Found(value)}");
            }
        }
    }

    private static string Describe(Type type) =>
        type == typeof(float[]) ? "a point [x, y]"
        : type.IsGenericType ? "a list [ ... ]"
        : "an object { ... }";

    private static string Name(string path) => path.Length == 0 ? "$" : path;

    private static string Found(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the text \"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => string.Create(CultureInfo.InvariantCulture, $"a list of {value.GetArrayLength()}"),
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    /// <summary>Edit distance (insertions, deletions, substitutions; case-insensitive) between two field names.</summary>
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Analytics.Output.Query;

/// <summary>
/// Prints a <see cref="QueryResult"/> as an aligned table (for people), RFC 4180 CSV or a JSON array of objects (for
/// programs). Culture-invariant: a dot decimal separator whatever the machine's locale; times in ISO-8601, with
/// <c>Z</c> for an instant (DuckDB's <c>TIMESTAMP WITH TIME ZONE</c>) and without offset for a wall-clock time.
/// </summary>
public static class QueryResultWriter
{
    /// <summary>Columns padded to their widest value, numbers (and their headers) aligned right, a missing value shown as NULL; then the row count.</summary>
    public static void WriteTable(QueryResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var cells = result.Rows.Select(row => row.Select(v => v is null ? "NULL" : Text(v)).ToArray()).ToList();
        var widths = result.Columns.Select((name, c) => cells.Select(row => row[c].Length).Append(name.Length).Max()).ToArray();
        var numeric = result.Columns.Select((_, c) => result.Rows.Count > 0 && result.Rows.All(row => row[c] is null || IsNumber(row[c]!))).ToArray();
        string Line(IReadOnlyList<string> values) => string.Join("  ", values.Select((v, c) => numeric[c] ? v.PadLeft(widths[c]) : v.PadRight(widths[c]))).TrimEnd();
        output.WriteLine(Line(result.Columns));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
        {
            output.WriteLine(Line(row));
        }

        output.WriteLine(result.Rows.Count == 1 ? "(1 row)" : $"({result.Rows.Count.ToString(CultureInfo.InvariantCulture)} rows)");
    }

    /// <summary>A header, then one record per row; a missing value is an empty field; LF line ends.</summary>
    public static void WriteCsv(QueryResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(string.Join(',', result.Columns.Select(Quote)) + "\n");
        foreach (var row in result.Rows)
        {
            output.Write(string.Join(',', row.Select(v => v is null ? "" : Quote(Text(v)))) + "\n");
        }
    }

    /// <summary>A JSON array with one object per row, its properties in column order; numbers and flags as JSON numbers and booleans, a missing value as null.</summary>
    public static void WriteJson(QueryResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var row in result.Rows)
            {
                json.WriteStartObject();
                for (var c = 0; c < row.Length; c++)
                {
                    json.WritePropertyName(result.Columns[c]);
                    WriteValue(json, row[c]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.Write(Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case double real when double.IsFinite(real):
                json.WriteNumberValue(real);
                break;
            case float real when float.IsFinite(real):
                json.WriteNumberValue(real);
                break;
            case decimal number:
                json.WriteNumberValue(number);
                break;
            case BigInteger or sbyte or byte or short or ushort or int or uint or long or ulong:
                json.WriteRawValue(Text(value));
                break;
            default:
                json.WriteStringValue(Text(value));
                break;
        }
    }

    private static bool IsNumber(object value) => value is BigInteger or sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal;

    /// <summary>A value as text: invariant numbers, ISO-8601 times.</summary>
    private static string Text(object value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        double real => real.ToString("R", CultureInfo.InvariantCulture),
        float real => real.ToString("R", CultureInfo.InvariantCulture),
        DateTime { Kind: DateTimeKind.Utc } utc => utc.ToString(utc.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateTime clock => clock.ToString(clock.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToUniversalTime().ToString(instant.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(i => i is null ? "NULL" : Text(i))) + "]",
        _ => value.ToString() ?? "",
    };

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

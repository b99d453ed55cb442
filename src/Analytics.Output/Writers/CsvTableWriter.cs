using System.Globalization;
using System.Text;
using Analytics.Output.Tables;

namespace Analytics.Output.Writers;

/// <summary>
/// RFC 4180 CSV, UTF-8 without BOM, LF line ends, culture-invariant numbers (dot decimal separator) and ISO-8601
/// times with the camera's local UTC offset (<c>2026-11-21T08:00:00+01:00</c>). The same rows always give the same
/// bytes. Local wall-clock times are ISO-8601 without offset (<c>2026-11-21T08:00:00</c>); reals always carry a decimal
/// point or an exponent (<c>0.0</c>), so that readers guessing types from the text see reals. A suppressed or
/// missing value is an empty field. CSV has no room for metadata; it lives in run.json and in the
/// Parquet files.
/// </summary>
public sealed class CsvTableWriter : ITableWriter
{
    public string Extension => "csv";

    public async Task WriteAsync(Table table, IReadOnlyDictionary<string, string> metadata, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        await writer.WriteLineAsync(string.Join(',', table.Columns.Select(c => Quote(c.Name))));
        var line = new StringBuilder();
        for (var row = 0; row < table.RowCount; row++)
        {
            line.Clear();
            for (var c = 0; c < table.Columns.Count; c++)
            {
                if (c > 0)
                {
                    line.Append(',');
                }

                line.Append(Format(table.Columns[c], row));
            }

            await writer.WriteLineAsync(line, cancellationToken);
        }
    }

    private static string Format(Column column, int row) => column.Kind switch
    {
        ColumnKind.Text => column.Texts[row] is { } text ? Quote(text) : "",
        ColumnKind.Timestamp => column.Timestamps[row].ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ColumnKind.LocalTime => column.Timestamps[row].ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        ColumnKind.WholeNumber => column.Integers[row]?.ToString(CultureInfo.InvariantCulture) ?? "",
        ColumnKind.Flag => column.Flags[row] ? "true" : "false",
        _ => column.Reals[row] is { } real ? Real(real) : "",
    };

    /// <summary>The shortest text that reads back as the same double, with ".0" added to a whole number.</summary>
    private static string Real(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return double.IsFinite(value) && text.AsSpan().IndexOfAny(".E") < 0 ? text + ".0" : text;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

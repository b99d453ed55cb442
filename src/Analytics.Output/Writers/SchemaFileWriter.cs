using System.Text.Encodings.Web;
using System.Text.Json;
using Analytics.Output.Tables;

namespace Analytics.Output.Writers;

/// <summary>
/// Writes <c>schema.json</c>, the machine-readable description of the dataset beside it: the schema version and what
/// each version changed, then every table with its columns in file order, each with its type as CSV, Parquet and
/// DuckDB see it, whether it may be missing, and what it means. Written from <see cref="DatasetSchema"/>; the same
/// schema always gives the same bytes.
/// </summary>
public static class SchemaFileWriter
{
    public const string FileName = "schema.json";

    public static async Task WriteAsync(Stream stream, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteNumber("schema_version", DatasetSchema.Version);
        json.WriteStartArray("changes");
        foreach (var change in DatasetSchema.Changes)
        {
            json.WriteStartObject();
            json.WriteNumber("version", change.Version);
            json.WriteString("change", change.Change);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("csv", "RFC 4180, UTF-8 without BOM, LF line ends, header row, dot decimal separator; a missing value is an empty field");
        json.WriteString("parquet", "one row group; key-value metadata: the job's accountability fields, settings, model, software and schema version");
        json.WriteStartArray("tables");
        foreach (var table in DatasetSchema.Tables)
        {
            json.WriteStartObject();
            json.WriteString("name", table.Name);
            json.WriteString("description", table.Description);
            json.WriteStartArray("files");
            json.WriteStringValue($"{table.Name}.csv");
            json.WriteStringValue($"{table.Name}.parquet");
            json.WriteEndArray();
            json.WriteStartArray("columns");
            foreach (var column in table.Columns)
            {
                var (type, csv, parquet, duckDb) = TypeOf(column.Kind);
                json.WriteStartObject();
                json.WriteString("name", column.Name);
                json.WriteString("type", type);
                json.WriteBoolean("nullable", column.Nullable);
                json.WriteString("description", column.Description);
                json.WriteString("csv", csv);
                json.WriteString("parquet", parquet);
                json.WriteString("duckdb", duckDb);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    /// <summary>A kind's name in schema.json, its CSV text, its Parquet type, and the type DuckDB reads from either file.</summary>
    internal static (string Type, string Csv, string Parquet, string DuckDb) TypeOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Text => ("string", "text, quoted when it holds a comma, a quote or a line break", "BYTE_ARRAY (STRING)", "VARCHAR"),
        ColumnKind.Timestamp => ("timestamp", "ISO-8601 with the camera's UTC offset, e.g. 2026-11-21T08:00:00+01:00", "INT64 (TIMESTAMP(MILLIS, adjusted to UTC))", "TIMESTAMP WITH TIME ZONE"),
        ColumnKind.LocalTime => ("local_timestamp", "ISO-8601 without offset, e.g. 2026-11-21T08:00:00", "INT64 (TIMESTAMP(MILLIS, not adjusted to UTC))", "TIMESTAMP"),
        ColumnKind.WholeNumber => ("int64", "integer", "INT64", "BIGINT"),
        ColumnKind.Real => ("float64", "decimal number with a dot, always with a decimal point or an exponent", "DOUBLE", "DOUBLE"),
        ColumnKind.Flag => ("boolean", "true or false", "BOOLEAN", "BOOLEAN"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

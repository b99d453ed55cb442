using Analytics.Output.Tables;
using Parquet;
using Parquet.Schema;

namespace Analytics.Output.Writers;

/// <summary>
/// Parquet with typed columns: text as UTF-8 strings, instants as UTC timestamps (milliseconds, adjusted to UTC),
/// wall-clock times as timestamps not adjusted to UTC (milliseconds), whole numbers as INT64, reals as DOUBLE, flags
/// as BOOLEAN; a suppressed or missing value is null; one row group. The run's metadata (purpose, legal basis,
/// controller, decision, cameras' time zones, settings, software and schema version) is written as the file's
/// key-value metadata.
/// </summary>
public sealed class ParquetTableWriter : ITableWriter
{
    public string Extension => "parquet";

    public async Task WriteAsync(Table table, IReadOnlyDictionary<string, string> metadata, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var fields = table.Columns.Select(FieldOf).ToArray();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, cancellationToken: cancellationToken);
        writer.CustomMetadata = metadata.ToDictionary(p => p.Key, p => p.Value);
        using var group = writer.CreateRowGroup();
        for (var i = 0; i < fields.Length; i++)
        {
            var column = table.Columns[i];
            switch (column.Kind)
            {
                case ColumnKind.Text:
                    await group.WriteAsync(fields[i], column.Texts);
                    break;
                case ColumnKind.Timestamp:
                    var utc = column.Timestamps.Select(t => t.UtcDateTime).ToArray();
                    await group.WriteAsync<DateTime>(fields[i], utc, cancellationToken: cancellationToken);
                    break;
                case ColumnKind.LocalTime:
                    var clock = column.Timestamps.Select(t => DateTime.SpecifyKind(t.DateTime, DateTimeKind.Unspecified)).ToArray();
                    await group.WriteAsync<DateTime>(fields[i], clock, cancellationToken: cancellationToken);
                    break;
                case ColumnKind.WholeNumber when column.Nullable:
                    await group.WriteAsync<long>(fields[i], column.Integers.ToArray(), cancellationToken: cancellationToken);
                    break;
                case ColumnKind.WholeNumber:
                    await group.WriteAsync<long>(fields[i], column.Integers.Select(v => v!.Value).ToArray(), cancellationToken: cancellationToken);
                    break;
                case ColumnKind.Flag:
                    await group.WriteAsync<bool>(fields[i], column.Flags.ToArray(), cancellationToken: cancellationToken);
                    break;
                case ColumnKind.Real when column.Nullable:
                    await group.WriteAsync<double>(fields[i], column.Reals.ToArray(), cancellationToken: cancellationToken);
                    break;
                default:
                    await group.WriteAsync<double>(fields[i], column.Reals.Select(v => v!.Value).ToArray(), cancellationToken: cancellationToken);
                    break;
            }
        }
    }

    private static DataField FieldOf(Column column) => column.Kind switch
    {
        ColumnKind.Text => new DataField<string>(column.Name, nullable: column.Nullable),
        ColumnKind.Timestamp => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: false),
        ColumnKind.LocalTime => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: false, unit: DateTimeTimeUnit.Millis, isNullable: false),
        ColumnKind.WholeNumber => new DataField<long>(column.Name, nullable: column.Nullable),
        ColumnKind.Flag => new DataField<bool>(column.Name, nullable: false),
        _ => new DataField<double>(column.Name, nullable: column.Nullable),
    };
}

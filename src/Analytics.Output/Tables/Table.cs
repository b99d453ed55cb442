namespace Analytics.Output.Tables;

/// <summary>
/// One output dataset (counts, occupancy, od, coverage) as typed columns. CSV and Parquet are both written from
/// the same table, so they hold the same rows in the same order by construction.
/// </summary>
public sealed class Table
{
    private readonly Column[] _columns;

    public Table(string name, params Column[] columns)
    {
        Name = name;
        _columns = columns;
    }

    /// <summary>The dataset name, also the file name without extension.</summary>
    public string Name { get; }

    public IReadOnlyList<Column> Columns => _columns;

    public int RowCount => _columns.Length == 0 ? 0 : _columns[0].Count;

    /// <summary>Appends one row; values must match the columns' kinds, in order (whole numbers as int or long; null only in nullable columns).</summary>
    public void AddRow(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != _columns.Length)
        {
            throw new ArgumentException($"table {Name} has {_columns.Length} columns, got {values.Length} values", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            var column = _columns[i];
            if (values[i] is null && !column.CanBeMissing)
            {
                throw new ArgumentException($"column {column.Name} of table {Name} cannot be empty", nameof(values));
            }

            switch (column.Kind)
            {
                case ColumnKind.Text:
                    column.Texts.Add((string?)values[i]);
                    break;
                case ColumnKind.Timestamp or ColumnKind.LocalTime:
                    column.Timestamps.Add((DateTimeOffset)values[i]!);
                    break;
                case ColumnKind.WholeNumber:
                    column.Integers.Add(values[i] switch
                    {
                        null => null,
                        int number => number,
                        var number => (long)number,
                    });
                    break;
                case ColumnKind.Flag:
                    column.Flags.Add((bool)values[i]!);
                    break;
                default:
                    column.Reals.Add((double?)values[i]);
                    break;
            }
        }
    }
}

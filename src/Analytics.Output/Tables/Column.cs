namespace Analytics.Output.Tables;

/// <summary>
/// A named, typed column; values are stored per kind. Numbers may be missing (null) only in a column declared
/// <paramref name="nullable"/>: that is how small-cell suppression hides a value (empty in CSV, null in Parquet).
/// </summary>
public sealed class Column(string name, ColumnKind kind, bool nullable = false)
{
    public string Name { get; } = name;

    public ColumnKind Kind { get; } = kind;

    public bool Nullable { get; } = nullable;

    internal List<string> Texts { get; } = [];

    internal List<DateTimeOffset> Timestamps { get; } = [];

    internal List<int?> Integers { get; } = [];

    internal List<double?> Reals { get; } = [];

    internal List<bool> Flags { get; } = [];

    public int Count => Kind switch
    {
        ColumnKind.Text => Texts.Count,
        ColumnKind.Timestamp => Timestamps.Count,
        ColumnKind.WholeNumber => Integers.Count,
        ColumnKind.Flag => Flags.Count,
        _ => Reals.Count,
    };
}

namespace Analytics.Output.Tables;

/// <summary>
/// A named, typed column; values are stored per kind. Values may be missing (null) only in a column declared
/// <paramref name="nullable"/>: that is how small-cell suppression hides a number, and how a text that does not apply
/// (the vehicle type of a pedestrian) is written (empty in CSV, null in Parquet).
/// </summary>
public sealed class Column(string name, ColumnKind kind, bool nullable = false)
{
    public string Name { get; } = name;

    public ColumnKind Kind { get; } = kind;

    public bool Nullable { get; } = nullable;

    internal List<string?> Texts { get; } = [];

    /// <summary>The values of <see cref="ColumnKind.Timestamp"/> and <see cref="ColumnKind.LocalTime"/> columns.</summary>
    internal List<DateTimeOffset> Timestamps { get; } = [];

    internal List<long?> Integers { get; } = [];

    internal List<double?> Reals { get; } = [];

    internal List<bool> Flags { get; } = [];

    public int Count => Kind switch
    {
        ColumnKind.Text => Texts.Count,
        ColumnKind.Timestamp or ColumnKind.LocalTime => Timestamps.Count,
        ColumnKind.WholeNumber => Integers.Count,
        ColumnKind.Flag => Flags.Count,
        _ => Reals.Count,
    };

    /// <summary>Whether a value of this column may be missing: numbers and texts of a nullable column.</summary>
    internal bool CanBeMissing => Nullable && Kind is ColumnKind.WholeNumber or ColumnKind.Real or ColumnKind.Text;
}

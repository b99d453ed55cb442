namespace Analytics.Output.Tables;

/// <summary>One column of the dataset's contract: its name, value type, whether it may be missing, and what it means.</summary>
public sealed record ColumnDefinition(string Name, ColumnKind Kind, bool Nullable, string Description)
{
    internal Column CreateColumn() => new(Name, Kind, Nullable);
}

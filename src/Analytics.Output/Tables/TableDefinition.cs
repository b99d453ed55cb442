namespace Analytics.Output.Tables;

/// <summary>One table of the dataset's contract (counts, occupancy, od, coverage): its columns in file order.</summary>
public sealed record TableDefinition(string Name, string Description, IReadOnlyList<ColumnDefinition> Columns)
{
    /// <summary>An empty table with these columns, to be filled row by row.</summary>
    public Table CreateTable() => new(Name, [.. Columns.Select(c => c.CreateColumn())]);
}

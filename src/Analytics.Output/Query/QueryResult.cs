namespace Analytics.Output.Query;

/// <summary>
/// The rows a query returned. Values are as DuckDB.NET reads them: null for a missing value, text, numbers
/// (<see cref="long"/>, <see cref="double"/>, <see cref="System.Numerics.BigInteger"/> for sums…), flags, and
/// <see cref="DateTime"/> (UTC for a <c>TIMESTAMP WITH TIME ZONE</c>, a wall-clock reading for a <c>TIMESTAMP</c>). Types are
/// DuckDB's SQL names (<c>BIGINT</c>, <c>TIMESTAMP WITH TIME ZONE</c>…).
/// </summary>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<string> Types, IReadOnlyList<object?[]> Rows);

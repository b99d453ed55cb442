using System.Text.Json;
using DuckDB.NET.Data;
using Xunit;

namespace Analytics.Tests.Shared.Dataset;

/// <summary>
/// Reads the files a run writes as a statistician's tool would, with DuckDB's own readers (read_csv with its type
/// detection, read_parquet), never with the product's code or the library that wrote them, and checks that CSV and
/// Parquet hold the same columns, types and values, with the types schema.json promises.
/// </summary>
internal static class IndependentReader
{
    /// <summary>The columns, DuckDB types and rows (ordered by every column) of one file.</summary>
    public static (string[] Columns, string[] Types, List<object?[]> Rows) Read(string path)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var source = path.EndsWith(".csv", StringComparison.Ordinal) ? $"read_csv('{path}')" : $"read_parquet('{path}')";
        using var describe = connection.CreateCommand();
        describe.CommandText = $"SELECT column_type FROM (DESCRIBE SELECT * FROM {source})";
        using var typeReader = describe.ExecuteReader();
        var types = new List<string>();
        while (typeReader.Read())
        {
            types.Add(typeReader.GetString(0));
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {source} ORDER BY ALL";
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
        }

        return (columns, [.. types], rows);
    }

    /// <summary>
    /// Asserts that <c>TABLE.csv</c> and <c>TABLE.parquet</c> in <paramref name="folder"/> hold the same rows, types and
    /// values, and that the columns and types are schema.json's; returns the number of rows.
    /// </summary>
    public static int AssertSameTable(string folder, string table)
    {
        var csv = Read(Path.Combine(folder, $"{table}.csv"));
        var parquet = Read(Path.Combine(folder, $"{table}.parquet"));
        var (columns, types) = SchemaOf(folder, table);

        Assert.Equal(columns, csv.Columns);
        Assert.Equal(columns, parquet.Columns);
        Assert.Equal(types, parquet.Types);
        Assert.Equal(csv.Rows.Count, parquet.Rows.Count);
        if (csv.Rows.Count > 0)
        {
            // A header-only CSV carries no type; with rows, DuckDB's detection must find schema.json's types.
            Assert.Equal(types, csv.Types);
        }

        for (var r = 0; r < csv.Rows.Count; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                Assert.True(Equals(csv.Rows[r][c], parquet.Rows[r][c]), $"{table} row {r} column {columns[c]}: csv {csv.Rows[r][c] ?? "NULL"} vs parquet {parquet.Rows[r][c] ?? "NULL"}");
            }
        }

        return csv.Rows.Count;
    }

    /// <summary>The column names and DuckDB types schema.json gives a table.</summary>
    public static (string[] Columns, string[] Types) SchemaOf(string folder, string table)
    {
        using var schema = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "schema.json")));
        var columns = schema.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == table).GetProperty("columns").EnumerateArray().ToList();
        return ([.. columns.Select(c => c.GetProperty("name").GetString()!)], [.. columns.Select(c => c.GetProperty("duckdb").GetString()!)]);
    }
}

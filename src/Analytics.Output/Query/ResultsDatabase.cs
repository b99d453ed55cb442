using System.Data.Common;
using System.Globalization;
using Analytics.Output.Tables;
using DuckDB.NET.Data;

namespace Analytics.Output.Query;

/// <summary>
/// An embedded, in-memory DuckDB over a run's output folder: each table of the dataset is a view named after it
/// (<c>counts</c>, <c>occupancy</c>, <c>od</c>, <c>coverage</c>) over its Parquet file, or over a folder of Parquet
/// files of that name. Nothing is installed or downloaded: DuckDB's extension loading is off. The database may read
/// only the results folder, and times with a time zone are shown in UTC (each table's <c>bin_start_local</c> holds
/// the camera's wall clock).
/// </summary>
public sealed class ResultsDatabase : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly string _directory;

    private ResultsDatabase(DuckDBConnection connection, string directory, IReadOnlyList<string> tables)
    {
        _connection = connection;
        _directory = directory;
        Tables = tables;
    }

    /// <summary>The tables found in the folder, each a view.</summary>
    public IReadOnlyList<string> Tables { get; }

    /// <summary>Opens the dataset in <paramref name="directory"/>; throws <see cref="QueryException"/> when there is none to open.</summary>
    public static ResultsDatabase Open(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            throw new QueryException(QueryFailure.DatasetUnavailable, $"the results folder {directory} does not exist");
        }

        var sources = new List<(string Table, string Source)>();
        foreach (var table in DatasetSchema.Tables)
        {
            var file = Path.Combine(full, $"{table.Name}.parquet");
            var folder = Path.Combine(full, table.Name);
            if (File.Exists(file))
            {
                sources.Add((table.Name, $"read_parquet({Literal(file)})"));
            }
            else if (Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Any())
            {
                sources.Add((table.Name, $"read_parquet({Literal(Path.Combine(folder, "**", "*.parquet"))})"));
            }
        }

        if (sources.Count == 0)
        {
            throw new QueryException(QueryFailure.DatasetUnavailable, $"the results folder {directory} holds no dataset (no counts, occupancy, od or coverage Parquet file): run analyse into it first");
        }

        var connection = new DuckDBConnection("DataSource=:memory:");
        try
        {
            connection.Open();
            Execute(connection, "SET autoinstall_known_extensions = false; SET autoload_known_extensions = false; SET TimeZone = 'UTC'");
            foreach (var (table, source) in sources)
            {
                try
                {
                    Execute(connection, $"CREATE VIEW {table} AS SELECT * FROM {source}");
                }
                catch (DuckDBException e)
                {
                    throw new QueryException(QueryFailure.DatasetUnavailable, $"{table} in {directory} cannot be read: {FirstLine(e.Message)}");
                }
            }

            // From here on the database reads nothing outside the results folder and changes no setting.
            Execute(connection, $"SET allowed_directories = [{Literal(full + Path.DirectorySeparatorChar)}]; SET enable_external_access = false; SET lock_configuration = true");
            return new ResultsDatabase(connection, directory, [.. sources.Select(s => s.Table)]);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs one SQL statement and returns its rows; throws <see cref="QueryException"/> with one sentence when it cannot.</summary>
    public QueryResult Execute(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (string.IsNullOrWhiteSpace(sql))
        {
            throw new QueryException(QueryFailure.InvalidQuery, "the query is empty");
        }

        try
        {
            var sqlTypes = TypesOf(sql);
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var types = sqlTypes is { } known && known.Count == reader.FieldCount ? [.. known] : Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName).ToArray();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    if (row[i] is DateTime time && types[i].EndsWith("WITH TIME ZONE", StringComparison.Ordinal))
                    {
                        // The session's time zone is UTC: the reading is the UTC instant, say so.
                        row[i] = DateTime.SpecifyKind(time, DateTimeKind.Utc);
                    }
                }

                rows.Add(row);
            }

            return new QueryResult(columns, types, rows);
        }
        catch (DuckDBException e)
        {
            throw Explain(e);
        }
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>The SQL types of a query's columns (TIMESTAMP WITH TIME ZONE, BIGINT…), or null for a statement DESCRIBE does not take.</summary>
    private List<string>? TypesOf(string sql)
    {
        try
        {
            using var describe = _connection.CreateCommand();
            describe.CommandText = $"SELECT column_type FROM (DESCRIBE {sql.Trim().TrimEnd(';')})";
            using var reader = describe.ExecuteReader();
            var types = new List<string>();
            while (reader.Read())
            {
                types.Add(reader.GetString(0));
            }

            return types;
        }
        catch (DuckDBException)
        {
            return null; // not a query (SHOW, DESCRIBE, SET…) or not valid: the statement itself will say why
        }
    }

    private QueryException Explain(DuckDBException e)
    {
        var message = FirstLine(e.Message);
        var missing = DatasetSchema.Tables.Select(t => t.Name).FirstOrDefault(name =>
            !Tables.Contains(name) && message.Contains("Catalog Error", StringComparison.Ordinal) && message.Contains($"name {name} does not exist", StringComparison.Ordinal));
        if (missing is not null)
        {
            return new QueryException(QueryFailure.DatasetUnavailable, $"the results folder {_directory} has no {missing} table ({missing}.parquet); it has {string.Join(", ", Tables)}");
        }

        if (message.StartsWith("IO Error", StringComparison.Ordinal))
        {
            return new QueryException(QueryFailure.DatasetUnavailable, $"a file of {_directory} cannot be read: {message}");
        }

        return message.StartsWith("Permission Error", StringComparison.Ordinal)
            ? new QueryException(QueryFailure.InvalidQuery, $"the query may read only the views of the results folder: {message}")
            : new QueryException(QueryFailure.InvalidQuery, $"the query is not valid: {message}");
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    private static string Literal(string text) => string.Create(CultureInfo.InvariantCulture, $"'{text.Replace("'", "''", StringComparison.Ordinal)}'");
}

using Analytics.Output.Tables;

namespace Analytics.Output.Writers;

/// <summary>Writes a dataset in one file format; the file is <c>{table name}.{extension}</c> in the output folder.</summary>
public interface ITableWriter
{
    string Extension { get; }

    /// <summary>Writes <paramref name="table"/> to <paramref name="stream"/>; <paramref name="metadata"/> goes where the format has room for it.</summary>
    Task WriteAsync(Table table, IReadOnlyDictionary<string, string> metadata, Stream stream, CancellationToken cancellationToken);
}

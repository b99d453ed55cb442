using System.Security.Cryptography;
using Analytics.Output.Tables;

namespace Analytics.Output.Writers;

/// <summary>
/// A table as a hive-partitioned Parquet dataset, <c>TABLE/camera_id=…/date=…/part-0.parquet</c>, that a night
/// rewrites only where the data changed: each partition is written in memory first and staged only when its bytes
/// differ from the file already there, so an unchanged partition keeps its bytes and its modification time (a
/// backup or a sync sees only what is new). Partitions that no longer hold rows are removed after the commit.
/// </summary>
public static class PartitionedDataset
{
    public const string PartFile = "part-0.parquet";

    /// <summary>Stages the partitions of <paramref name="table"/> that changed into <paramref name="set"/>; returns every partition of the table.</summary>
    public static async Task<IReadOnlyList<PartitionFile>> StageAsync(
        AtomicFileSet set, string directory, Table table, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(table);
        var writer = new ParquetTableWriter();
        var files = new List<PartitionFile>();
        foreach (var partition in TablePartition.Split(table))
        {
            using var buffer = new MemoryStream();
            await writer.WriteAsync(partition.Rows, metadata, buffer, cancellationToken);
            var bytes = buffer.ToArray();
            var relative = $"{table.Name}/{partition.Folder}/{PartFile}";
            var path = Path.Combine(directory, relative);
            var unchanged = File.Exists(path) && new FileInfo(path).Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
            if (!unchanged)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await set.StageAsync(path, stream => stream.WriteAsync(bytes, cancellationToken).AsTask(), cancellationToken);
            }

            files.Add(new PartitionFile(relative, Convert.ToHexStringLower(SHA256.HashData(bytes)), partition.Rows.RowCount, !unchanged));
        }

        return files;
    }

    /// <summary>After the commit: removes the table's partition files not in <paramref name="kept"/>, and the folders left empty.</summary>
    public static void RemoveOthers(string directory, string tableName, IEnumerable<PartitionFile> kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        var root = Path.Combine(directory, tableName);
        if (!Directory.Exists(root))
        {
            return;
        }

        var keep = kept.Select(k => Path.GetFullPath(Path.Combine(directory, k.File))).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories).Where(f => !keep.Contains(Path.GetFullPath(f))))
        {
            File.Delete(file);
        }

        foreach (var folder in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(f => f.Length))
        {
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
    }
}

using Parquet;

namespace Analytics.Cli.Tests.Analysis;

/// <summary>Reads a run's datasets back: CSV by hand, a Parquet file's key-value metadata with Parquet.Net (values: see IndependentReader).</summary>
internal static class OutputReader
{
    public static (string[] Header, List<string[]> Rows) ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        return (lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToList());
    }

    public static async Task<Dictionary<string, string>> ReadParquetMetadataAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        return reader.CustomMetadata;
    }
}

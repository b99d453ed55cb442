using System.Globalization;
using Parquet;

namespace Analytics.Cli.Tests.Analysis;

/// <summary>Reads a run's datasets back, as a statistician's tool would: CSV by hand, Parquet with Parquet.Net's reader.</summary>
internal static class OutputReader
{
    public static (string[] Header, List<string[]> Rows) ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        return (lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToList());
    }

    /// <summary>Every Parquet row as text formatted like the CSV (timestamps converted back with the CSV row's offset).</summary>
    public static async Task<(string[] Header, List<object[]> Rows, Dictionary<string, string> Metadata)> ReadParquetAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = reader.Schema.GetDataFields();
        using var group = reader.OpenRowGroupReader(0);
        var rows = Enumerable.Range(0, (int)group.RowCount).Select(_ => new object[fields.Length]).ToList();
        for (var f = 0; f < fields.Length; f++)
        {
            var field = fields[f];
            var count = (int)group.RowCount;
            if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
            {
                var values = new string?[count];
                await group.ReadAsync(field, values.AsMemory());
                for (var r = 0; r < count; r++)
                {
                    rows[r][f] = values[r]!;
                }
            }
            else if (field.ClrType == typeof(DateTime))
            {
                var values = new DateTime[count];
                await group.ReadAsync(field, values.AsMemory());
                for (var r = 0; r < count; r++)
                {
                    rows[r][f] = values[r]!;
                }
            }
            else if (field.ClrType == typeof(int))
            {
                var values = new int?[count];
                await group.ReadAsync(field, values.AsMemory());
                for (var r = 0; r < count; r++)
                {
                    rows[r][f] = values[r] ?? (object)DBNull.Value;
                }
            }
            else if (field.ClrType == typeof(bool))
            {
                var values = new bool[count];
                await group.ReadAsync(field, values.AsMemory());
                for (var r = 0; r < count; r++)
                {
                    rows[r][f] = values[r];
                }
            }
            else
            {
                var values = new double?[count];
                await group.ReadAsync(field, values.AsMemory());
                for (var r = 0; r < count; r++)
                {
                    rows[r][f] = values[r] ?? (object)DBNull.Value;
                }
            }
        }

        return (fields.Select(f => f.Name).ToArray(), rows, reader.CustomMetadata);
    }

    /// <summary>Whether a Parquet value equals the CSV text of the same cell.</summary>
    public static bool SameValue(object parquet, string csv) => parquet switch
    {
        string text => text == csv,
        DateTime utc => utc.Kind != DateTimeKind.Local && DateTimeOffset.Parse(csv, CultureInfo.InvariantCulture).UtcDateTime == DateTime.SpecifyKind(utc, DateTimeKind.Utc),
        int number => number.ToString(CultureInfo.InvariantCulture) == csv,
        double real => real.ToString("R", CultureInfo.InvariantCulture) == csv,
        bool flag => (flag ? "true" : "false") == csv,
        DBNull => csv.Length == 0,
        _ => false,
    };
}

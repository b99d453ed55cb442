using Analytics.Output.Tables;
using Analytics.Output.Writers;
using Parquet;
using Parquet.Schema;

namespace Analytics.Output.Tests.Writers;

public sealed class ParquetTableWriterTests : TableWriterContract
{
    protected override bool HasMetadata => true;

    protected override ITableWriter CreateWriter() => new ParquetTableWriter();

    /// <summary>Reads every row group with Parquet.Net's reader, typed by the file's own schema (never by <paramref name="written"/>).</summary>
    protected override async Task<WrittenTable> ReadAsync(string path, Table written)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = reader.Schema.GetDataFields();
        var rows = new List<object?[]>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var groupRows = Enumerable.Range(0, count).Select(_ => new object?[fields.Length]).ToList();
            for (var f = 0; f < fields.Length; f++)
            {
                var values = await ReadColumnAsync(group, fields[f], count);
                for (var r = 0; r < count; r++)
                {
                    groupRows[r][f] = values[r];
                }
            }

            rows.AddRange(groupRows);
        }

        return new WrittenTable([.. fields.Select(f => f.Name)], rows, reader.CustomMetadata);
    }

    private static async Task<object?[]> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int count)
    {
        // Parquet.Net reports UTF-8 string columns as ReadOnlyMemory<char>; they read into strings all the same.
        if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            var texts = new string?[count];
            await group.ReadAsync(field, texts.AsMemory());
            return texts;
        }

        if (field.ClrType == typeof(DateTime))
        {
            var times = new DateTime[count];
            await group.ReadAsync(field, times.AsMemory());
            // An instant is adjusted to UTC; a wall-clock reading is not, and reads back as it was written.
            return ((DateTimeDataField)field).IsAdjustedToUTC
                ? [.. times.Select(t => (object?)new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)))]
                : [.. times.Select(t => (object?)DateTime.SpecifyKind(t, DateTimeKind.Unspecified))];
        }

        if (field.ClrType == typeof(long))
        {
            return await ReadNumbersAsync<long>(group, field, count);
        }

        if (field.ClrType == typeof(double))
        {
            return await ReadNumbersAsync<double>(group, field, count);
        }

        Assert.Equal(typeof(bool), field.ClrType);
        var flags = new bool[count];
        await group.ReadAsync(field, flags.AsMemory());
        return [.. flags.Select(f => (object?)f)];
    }

    /// <summary>
    /// A column that cannot hold nulls is read as plain values, one that can as nullable ones: Parquet.Net 6.1 can
    /// return spurious nulls when a required column is read into nullable memory.
    /// </summary>
    private static async Task<object?[]> ReadNumbersAsync<T>(ParquetRowGroupReader group, DataField field, int count)
        where T : struct
    {
        if (field.IsNullable)
        {
            var maybe = new T?[count];
            await group.ReadAsync(field, maybe.AsMemory());
            return [.. maybe.Select(n => (object?)n)];
        }

        var values = new T[count];
        await group.ReadAsync(field, values.AsMemory());
        return [.. values.Select(n => (object?)n)];
    }

    [Fact]
    public async Task Parquet_columns_are_typed_times_are_utc_and_metadata_is_kept()
    {
        var path = Path.Combine(TemporaryFolder, "sample.parquet");
        await using (var file = File.Create(path))
        {
            await new ParquetTableWriter().WriteAsync(Sample(), new Dictionary<string, string> { ["purpose"] = "counting" }, file, CancellationToken.None);
        }

        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = reader.Schema.GetDataFields();
        using var group = reader.OpenRowGroupReader(0);
        var times = new DateTime[2];
        var counts = new long[2];
        var means = new double[2];
        await group.ReadAsync(fields[1], times.AsMemory());
        await group.ReadAsync(fields[2], counts.AsMemory());
        await group.ReadAsync(fields[3], means.AsMemory());

        Assert.Equal("counting", reader.CustomMetadata["purpose"]);
        Assert.Equal([typeof(DateTime), typeof(long), typeof(double)], fields.Skip(1).Select(f => f.ClrType));
        Assert.All(fields.Skip(2), f => Assert.False(f.IsNullable));
        Assert.Equal(new DateTime(2026, 11, 21, 7, 0, 0), DateTime.SpecifyKind(times[0], DateTimeKind.Unspecified)); // 08:00+01:00 is 07:00 UTC
        Assert.Equal([3L, 0L], counts);
        Assert.Equal([0.25, 1234.5], means);
    }
}

using System.Globalization;
using System.Text;
using Analytics.Output.Tables;
using Analytics.Output.Writers;
using Parquet;

namespace Analytics.Output.Tests.Writers;

public sealed class TableWriterTests : IDisposable
{
    private static readonly DateTimeOffset EightParis = new(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(1));

    private readonly string _directory = Directory.CreateTempSubdirectory("analytics-output-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Table Sample()
    {
        var table = new Table("sample",
            new Column("name", ColumnKind.Text), new Column("at", ColumnKind.Timestamp),
            new Column("count", ColumnKind.WholeNumber), new Column("mean", ColumnKind.Real));
        table.AddRow("plain", EightParis, 3, 0.25);
        table.AddRow("comma, \"quoted\"", EightParis.AddMinutes(15), 0, 1234.5);
        return table;
    }

    [Fact]
    public async Task Csv_is_rfc4180_culture_invariant_with_local_offsets_and_lf_line_ends()
    {
        var previous = CultureInfo.CurrentCulture;
        // A French-style culture (decimal comma, other separators) must not leak into the file.
        var french = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        french.NumberFormat.NumberDecimalSeparator = ",";
        french.DateTimeFormat.TimeSeparator = "h";
        CultureInfo.CurrentCulture = french;
        try
        {
            using var stream = new MemoryStream();
            await new CsvTableWriter().WriteAsync(Sample(), new Dictionary<string, string>(), stream, CancellationToken.None);

            Assert.Equal(
                "name,at,count,mean\n" +
                "plain,2026-11-21T08:00:00+01:00,3,0.25\n" +
                "\"comma, \"\"quoted\"\"\",2026-11-21T08:15:00+01:00,0,1234.5\n",
                Encoding.UTF8.GetString(stream.ToArray()));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task Parquet_columns_are_typed_times_are_utc_and_metadata_is_kept()
    {
        var path = Path.Combine(_directory, "sample.parquet");
        await using (var file = File.Create(path))
        {
            await new ParquetTableWriter().WriteAsync(Sample(), new Dictionary<string, string> { ["purpose"] = "counting" }, file, CancellationToken.None);
        }

        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = reader.Schema.GetDataFields();
        using var group = reader.OpenRowGroupReader(0);
        var times = new DateTime[2];
        var counts = new int[2];
        var means = new double[2];
        await group.ReadAsync(fields[1], times.AsMemory());
        await group.ReadAsync(fields[2], counts.AsMemory());
        await group.ReadAsync(fields[3], means.AsMemory());

        Assert.Equal("counting", reader.CustomMetadata["purpose"]);
        Assert.Equal([typeof(DateTime), typeof(int), typeof(double)], fields.Skip(1).Select(f => f.ClrType));
        Assert.All(fields.Skip(2), f => Assert.False(f.IsNullable));
        Assert.Equal(new DateTime(2026, 11, 21, 7, 0, 0), DateTime.SpecifyKind(times[0], DateTimeKind.Unspecified)); // 08:00+01:00 is 07:00 UTC
        Assert.Equal([3, 0], counts);
        Assert.Equal([0.25, 1234.5], means);
    }

    [Fact]
    public async Task An_atomic_write_that_fails_leaves_the_previous_file_and_no_temporary()
    {
        var path = Path.Combine(_directory, "counts.csv");
        await File.WriteAllTextAsync(path, "previous");

        await Assert.ThrowsAsync<InvalidOperationException>(() => AtomicFile.WriteAsync(path, async stream =>
        {
            await stream.WriteAsync(new byte[100]);
            throw new InvalidOperationException("disk full");
        }, CancellationToken.None));

        Assert.Equal("previous", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }
}

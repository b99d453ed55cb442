using System.Globalization;
using System.Text;
using Analytics.Output.Tables;
using Analytics.Output.Writers;

namespace Analytics.Output.Tests.Writers;

public sealed class CsvTableWriterTests : TableWriterContract
{
    protected override bool HasMetadata => false;

    protected override ITableWriter CreateWriter() => new CsvTableWriter();

    /// <summary>Parses the file as RFC 4180 (quoted fields may hold commas, quotes and line breaks; records end with LF).</summary>
    protected override async Task<WrittenTable> ReadAsync(string path, Table written)
    {
        var records = Parse(await File.ReadAllTextAsync(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)));
        var header = records[0];
        var rows = new List<object?[]>();
        foreach (var record in records.Skip(1))
        {
            Assert.Equal(header.Count, record.Count);
            rows.Add([.. record.Select((field, c) => Value(written.Columns[c].Kind, written.Columns[c].Nullable, field))]);
        }

        return new WrittenTable(header, rows, Metadata: null);
    }

    private static object? Value(ColumnKind kind, bool nullable, string field) => kind switch
    {
        ColumnKind.Text => field.Length == 0 && nullable ? null : field,
        ColumnKind.Timestamp => DateTimeOffset.ParseExact(field, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ColumnKind.LocalTime => DateTime.ParseExact(field, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        ColumnKind.WholeNumber => field.Length == 0 ? null : long.Parse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        ColumnKind.Real => field.Length == 0 ? null : double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => field switch
        {
            "true" => true,
            "false" => false,
            _ => throw new FormatException($"'{field}' is not a flag"),
        },
    };

    private static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                // A quoted field runs to the quote not doubled; it must be followed by a separator or a record's end.
                for (i++; !(text[i] == '"' && (i + 1 == text.Length || text[i + 1] != '"')); i++)
                {
                    field.Append(text[i]);
                    i += text[i] == '"' ? 1 : 0;
                }

                Assert.True(i + 1 == text.Length || text[i + 1] is ',' or '\n', $"text after a closing quote at {i}");
                continue;
            }

            switch (text[i])
            {
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    break;
                case '\n':
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add(record);
                    record = [];
                    break;
                case '\r' or '"':
                    throw new FormatException($"unexpected {(text[i] == '"' ? "quote" : "carriage return")} at {i}");
                default:
                    field.Append(text[i]);
                    break;
            }
        }

        Assert.True(field.Length == 0 && record.Count == 0, "the last record ends with a line feed");
        return records;
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

    /// <summary>Readers that guess a column's type from its text (DuckDB, pandas, spreadsheets) must see reals as reals.</summary>
    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(2.0, "2.0")]
    [InlineData(-3.0, "-3.0")]
    [InlineData(0.25, "0.25")]
    [InlineData(1e-300, "1E-300")]
    [InlineData(1e20, "1E+20")]
    public async Task Reals_always_read_as_reals(double value, string text)
    {
        var table = new Table("reals", new Column("mean", ColumnKind.Real), new Column("local", ColumnKind.LocalTime), new Column("type", ColumnKind.Text, nullable: true));
        table.AddRow(value, EightParis, null);
        using var stream = new MemoryStream();

        await new CsvTableWriter().WriteAsync(table, new Dictionary<string, string>(), stream, CancellationToken.None);

        Assert.Equal($"mean,local,type\n{text},2026-11-21T08:00:00,\n", Encoding.UTF8.GetString(stream.ToArray()));
    }
}

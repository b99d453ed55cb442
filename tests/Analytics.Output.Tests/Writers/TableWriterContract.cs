using System.Globalization;
using Analytics.Output.Tables;
using Analytics.Output.Writers;

namespace Analytics.Output.Tests.Writers;

/// <summary>
/// What every <see cref="ITableWriter"/> promises, whatever its format: each concrete subclass names a writer and
/// reads its files back with a real reader of the format, and inherits every case (after dotnet/runtime's
/// <c>ChannelTestBase</c>). Format-specific promises (exact CSV text, Parquet physical types) stay in the subclass.
/// </summary>
public abstract class TableWriterContract : IDisposable
{
    protected static readonly DateTimeOffset EightParis = new(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(1));

    protected TableWriterContract()
    {
        TemporaryFolder = Directory.CreateTempSubdirectory("analytics-output-").FullName;
    }

    /// <summary>A folder of this test's own, deleted afterwards.</summary>
    protected string TemporaryFolder { get; }

    /// <summary>Whether the format has room for key-value metadata (the run's purpose, legal basis…).</summary>
    protected abstract bool HasMetadata { get; }

    public void Dispose()
    {
        Directory.Delete(TemporaryFolder, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected abstract ITableWriter CreateWriter();

    /// <summary>
    /// Reads the file at <paramref name="path"/> back with a reader of the format. <paramref name="written"/> gives
    /// the column kinds, for formats that do not store them (CSV); a format that stores them must not need it.
    /// </summary>
    protected abstract Task<WrittenTable> ReadAsync(string path, Table written);

    /// <summary>Writes <paramref name="table"/> to a file named as the run names it, and returns the file's path.</summary>
    protected async Task<string> WriteAsync(Table table, IReadOnlyDictionary<string, string>? metadata = null, string? folder = null)
    {
        var writer = CreateWriter();
        var directory = folder ?? TemporaryFolder;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{table.Name}.{writer.Extension}");
        await AtomicFile.WriteAsync(path, stream => writer.WriteAsync(table, metadata ?? new Dictionary<string, string>(), stream, CancellationToken.None), CancellationToken.None);
        return path;
    }

    /// <summary>A small table of four kinds, for the format-specific cases.</summary>
    protected static Table Sample()
    {
        var table = new Table("sample",
            new Column("name", ColumnKind.Text), new Column("at", ColumnKind.Timestamp),
            new Column("count", ColumnKind.WholeNumber), new Column("mean", ColumnKind.Real));
        table.AddRow("plain", EightParis, 3, 0.25);
        table.AddRow("comma, \"quoted\"", EightParis.AddMinutes(15), 0, 1234.5);
        return table;
    }

    /// <summary>One column of every kind, nullable numbers included, with values that trip careless writers.</summary>
    private static Table EveryKind()
    {
        var table = new Table(
            "every_kind",
            new Column("name", ColumnKind.Text), new Column("at", ColumnKind.Timestamp), new Column("count", ColumnKind.WholeNumber),
            new Column("mean", ColumnKind.Real), new Column("suppressed", ColumnKind.Flag),
            new Column("maybe_count", ColumnKind.WholeNumber, nullable: true), new Column("maybe_mean", ColumnKind.Real, nullable: true),
            new Column("maybe_type", ColumnKind.Text, nullable: true), new Column("local", ColumnKind.LocalTime));
        table.AddRow("plain", EightParis, 3, 0.25, false, 7, 0.5, "car", EightParis);
        table.AddRow("comma, \"quoted\"\nand a new line", EightParis.AddMinutes(15), 0, 1234.5, true, 0, 0.0, null, EightParis.AddMinutes(15));
        table.AddRow("", EightParis.AddDays(1), long.MaxValue, 1.0 / 3, false, long.MinValue, 1e-300, "bus, \"double-decker\"", EightParis.AddDays(1));
        table.AddRow("Place de l'Hôtel-de-Ville, 東京", EightParis.AddMonths(-6), -1, -2.5e10, true, null, null, null, EightParis.AddMonths(-6));
        return table;
    }

    /// <summary>The table's values as <see cref="WrittenTable"/> holds them.</summary>
    private static List<object?[]> RowsOf(Table table) =>
        [.. Enumerable.Range(0, table.RowCount).Select(row => table.Columns.Select(column => ValueOf(column, row)).ToArray())];

    private static object? ValueOf(Column column, int row) => column.Kind switch
    {
        ColumnKind.Text => column.Texts[row],
        ColumnKind.Timestamp => column.Timestamps[row],
        ColumnKind.LocalTime => column.Timestamps[row].DateTime,
        ColumnKind.WholeNumber => column.Integers[row],
        ColumnKind.Flag => column.Flags[row],
        _ => column.Reals[row],
    };

    [Fact]
    public async Task Every_row_and_column_is_written_in_order()
    {
        var table = EveryKind();

        var read = await ReadAsync(await WriteAsync(table), table);

        Assert.Equal(table.Columns.Select(c => c.Name), read.Columns);
        Assert.Equal(RowsOf(table), read.Rows);
    }

    [Fact]
    public async Task Suppressed_cells_are_written_as_missing_values()
    {
        var table = new Table("suppressed", new Column("count", ColumnKind.WholeNumber, nullable: true), new Column("mean", ColumnKind.Real, nullable: true), new Column("suppressed", ColumnKind.Flag));
        table.AddRow(0, 0.0, false);
        table.AddRow(null, null, true);
        table.AddRow(40, 3.5, false);

        var read = await ReadAsync(await WriteAsync(table), table);

        Assert.Equal([0L, null, 40L], read.Rows.Select(r => r[0]));
        Assert.Equal([0.0, null, 3.5], read.Rows.Select(r => r[1]));
        Assert.Equal([false, true, false], read.Rows.Select(r => r[2]));
    }

    [Fact]
    public async Task A_text_that_does_not_apply_is_a_missing_value_not_an_empty_text()
    {
        var table = new Table("types", new Column("class", ColumnKind.Text), new Column("vehicle_type", ColumnKind.Text, nullable: true));
        table.AddRow("pedestrian", null);
        table.AddRow("vehicle", "car");

        var read = await ReadAsync(await WriteAsync(table), table);

        Assert.Equal([null, "car"], read.Rows.Select(r => r[1]));
    }

    [Fact]
    public void A_missing_value_is_refused_where_the_column_cannot_hold_one()
    {
        var table = new Table("ids", new Column("camera_id", ColumnKind.Text), new Column("at", ColumnKind.LocalTime));

        Assert.Throws<ArgumentException>(() => table.AddRow(null, EightParis));
    }

    /// <summary>The two passages through Paris's repeated autumn hour: the same wall-clock reading, kept as it is.</summary>
    [Fact]
    public async Task Local_times_read_back_as_the_wall_clock_of_the_instant()
    {
        var first = new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2));
        var second = new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(1));
        var table = new Table("local", new Column("at", ColumnKind.Timestamp), new Column("at_local", ColumnKind.LocalTime));
        table.AddRow(first, first);
        table.AddRow(second, second);

        var read = await ReadAsync(await WriteAsync(table), table);

        Assert.Equal([new DateTime(2026, 10, 25, 2, 30, 0), new DateTime(2026, 10, 25, 2, 30, 0)], read.Rows.Select(r => (DateTime)r[1]!));
        Assert.NotEqual(((DateTimeOffset)read.Rows[0][0]!).UtcDateTime, ((DateTimeOffset)read.Rows[1][0]!).UtcDateTime);
    }

    /// <summary>Instants on both sides of Paris's autumn change, on other offsets, and on the far side of UTC.</summary>
    public static TheoryData<DateTimeOffset> Instants => new()
    {
        EightParis,
        new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2)), // first passage through the repeated hour
        new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(1)), // second passage: another instant
        new DateTimeOffset(2026, 7, 14, 23, 45, 0, TimeSpan.FromHours(2)), // another UTC day
        new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.FromHours(-5)),
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public async Task Times_read_back_as_the_same_utc_instant(DateTimeOffset instant)
    {
        var table = new Table("times", new Column("at", ColumnKind.Timestamp));
        table.AddRow(instant);

        var read = await ReadAsync(await WriteAsync(table), table);

        Assert.Equal(instant.UtcDateTime, Assert.IsType<DateTimeOffset>(Assert.Single(read.Rows)[0]).UtcDateTime);
    }

    [Fact]
    public async Task The_current_culture_changes_nothing_in_the_file()
    {
        var table = EveryKind();
        var invariant = await File.ReadAllBytesAsync(await WriteAsync(table, folder: Path.Combine(TemporaryFolder, "invariant")));

        var previous = CultureInfo.CurrentCulture;
        // A French-style culture (decimal comma, other separators) must not leak into the file.
        var french = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        french.NumberFormat.NumberDecimalSeparator = ",";
        french.NumberFormat.NegativeSign = "‒";
        french.DateTimeFormat.TimeSeparator = "h";
        french.DateTimeFormat.DateSeparator = ".";
        CultureInfo.CurrentCulture = french;
        string path;
        try
        {
            path = await WriteAsync(table, folder: Path.Combine(TemporaryFolder, "french"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Equal(invariant, await File.ReadAllBytesAsync(path));
        Assert.Equal(RowsOf(table), (await ReadAsync(path, table)).Rows);
    }

    [Fact]
    public async Task An_empty_table_is_written_with_its_columns_and_no_row()
    {
        var table = new Table("empty", new Column("name", ColumnKind.Text), new Column("at", ColumnKind.Timestamp), new Column("count", ColumnKind.WholeNumber, nullable: true));

        var read = await ReadAsync(await WriteAsync(table), table);

        Assert.Equal(["name", "at", "count"], read.Columns);
        Assert.Empty(read.Rows);
    }

    [Fact]
    public async Task Metadata_is_kept_where_the_format_has_room_for_it_and_changes_nothing_else()
    {
        var table = EveryKind();
        var metadata = new Dictionary<string, string> { ["purpose"] = "counting", ["legal_basis"] = "public task, « art. 6(1)(e) »", ["time_zones"] = "cam-01=Europe/Paris" };

        var path = await WriteAsync(table, metadata);
        var read = await ReadAsync(path, table);

        Assert.Equal(RowsOf(table), read.Rows);
        if (HasMetadata)
        {
            Assert.NotNull(read.Metadata);
            Assert.All(metadata, pair => Assert.Equal(pair.Value, read.Metadata[pair.Key]));
        }
        else
        {
            Assert.Null(read.Metadata);
            var without = await WriteAsync(table, folder: Path.Combine(TemporaryFolder, "without"));
            Assert.Equal(await File.ReadAllBytesAsync(without), await File.ReadAllBytesAsync(path));
        }
    }
}

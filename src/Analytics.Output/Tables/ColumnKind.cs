namespace Analytics.Output.Tables;

/// <summary>The value type of a column, which fixes its CSV text and its Parquet physical type.</summary>
public enum ColumnKind
{
    /// <summary>UTF-8 text.</summary>
    Text,

    /// <summary>An instant: ISO-8601 with the local UTC offset in CSV, a UTC timestamp (milliseconds) in Parquet.</summary>
    Timestamp,

    /// <summary>A whole number: INT64 in Parquet.</summary>
    WholeNumber,

    /// <summary>A 64-bit float; in CSV always with a decimal point or an exponent (<c>0.0</c>, not <c>0</c>), so readers that guess types see a real.</summary>
    Real,

    /// <summary>true or false.</summary>
    Flag,

    /// <summary>
    /// A reading of the camera's wall clock, without offset: ISO-8601 without offset in CSV
    /// (<c>2026-10-25T02:30:00</c>), a timestamp not adjusted to UTC (milliseconds) in Parquet. Held as the
    /// <see cref="DateTimeOffset"/> of the instant, whose clock part is written.
    /// </summary>
    LocalTime,
}

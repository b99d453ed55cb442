namespace Analytics.Output.Tables;

/// <summary>The value type of a column, which fixes its CSV text and its Parquet physical type.</summary>
public enum ColumnKind
{
    /// <summary>UTF-8 text.</summary>
    Text,

    /// <summary>An instant: ISO-8601 with the local UTC offset in CSV, a UTC timestamp (milliseconds) in Parquet.</summary>
    Timestamp,

    /// <summary>A 32-bit integer.</summary>
    WholeNumber,

    /// <summary>A 64-bit float.</summary>
    Real,

    /// <summary>true or false.</summary>
    Flag,
}

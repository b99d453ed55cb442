namespace Analytics.Runs.Dataset;

/// <summary>How the tables are laid out in the output folder.</summary>
public enum OutputLayout
{
    /// <summary>One CSV and one Parquet file per table (<c>counts.csv</c>, <c>counts.parquet</c>, …).</summary>
    Flat,

    /// <summary>
    /// Hive-partitioned Parquet, <c>TABLE/camera_id=…/date=…/part-0.parquet</c>, rewritten only where the data
    /// changed; no CSV (a growing archive's CSV would be rewritten whole every night).
    /// </summary>
    Partitioned,
}

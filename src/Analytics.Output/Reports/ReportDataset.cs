using Analytics.Output.Query;

namespace Analytics.Output.Reports;

/// <summary>
/// A run's four tables as the report draws them, read through the same views as <c>analytics query</c>, in the
/// dataset's own order (cameras, bins, then the job's order of lines and zones, forward before backward).
/// </summary>
public sealed record ReportDataset(IReadOnlyList<BinRow> Counts, IReadOnlyList<ZoneRow> Zones, IReadOnlyList<BinRow> Trips, IReadOnlyList<CoverageBin> Coverage)
{
    /// <summary>The cameras that have footage, in order.</summary>
    public IEnumerable<string> Cameras => Coverage.Select(c => c.CameraId).Distinct().Order(StringComparer.Ordinal);

    /// <summary>Whether any value of the dataset is hidden by small-cell suppression.</summary>
    public bool HasSuppressedCells => Counts.Any(r => r.Suppressed) || Trips.Any(r => r.Suppressed) || Zones.Any(r => r.Suppressed);

    /// <summary>Reads the tables; a folder without coverage or counts, or of an older schema, is a <see cref="QueryException"/> of <see cref="QueryFailure.DatasetUnavailable"/>.</summary>
    public static ReportDataset Read(ResultsDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        foreach (var required in new[] { "counts", "coverage" })
        {
            if (!database.Tables.Contains(required))
            {
                throw new QueryException(QueryFailure.DatasetUnavailable, $"the results folder has no {required} table ({required}.parquet): a report needs counts and coverage");
            }
        }

        try
        {
            var counts = database.Execute(
                "SELECT camera_id, line_id, direction, class, vehicle_type, bin_start, bin_end, bin_start_local, count, suppressed, analysed_seconds FROM counts").Rows
                .Select(Bin).ToList();
            var trips = database.Tables.Contains("od")
                ? database.Execute(
                    "SELECT camera_id, from_line, to_line, class, vehicle_type, bin_start, bin_end, bin_start_local, count, suppressed, analysed_seconds FROM od").Rows
                    .Select(Bin).ToList()
                : [];
            var zones = database.Tables.Contains("occupancy")
                ? database.Execute(
                    "SELECT camera_id, zone_id, class, vehicle_type, bin_start, bin_end, bin_start_local, mean_count, max_count, entries, suppressed FROM occupancy").Rows
                    .Select(r => new ZoneRow((string)r[0]!, (string)r[1]!, (string)r[2]!, (string?)r[3], (DateTime)r[4]!, (DateTime)r[5]!, (DateTime)r[6]!, (double?)r[7], (long?)r[8], (long?)r[9], (bool)r[10]!))
                    .ToList()
                : [];
            var coverage = database.Execute("SELECT camera_id, bin_start, bin_end, bin_start_local, analysed_seconds FROM coverage ORDER BY ALL").Rows
                .Select(r => new CoverageBin((string)r[0]!, (DateTime)r[1]!, (DateTime)r[2]!, (DateTime)r[3]!, (double)r[4]!))
                .ToList();
            return new ReportDataset(counts, zones, trips, coverage);
        }
        catch (QueryException e) when (e.Failure == QueryFailure.InvalidQuery)
        {
            throw new QueryException(QueryFailure.DatasetUnavailable, $"the dataset lacks columns of schema version 2 (bin_start_local, analysed_seconds…); analyse again to write them ({e.Message})");
        }
    }

    private static BinRow Bin(object?[] r) =>
        new((string)r[0]!, (string)r[1]!, (string)r[2]!, (string)r[3]!, (string?)r[4], (DateTime)r[5]!, (DateTime)r[6]!, (DateTime)r[7]!, (long?)r[8], (bool)r[9]!, (double)r[10]!);
}

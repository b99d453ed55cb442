using Analytics.Core.Aggregation;

namespace Analytics.Runs.Validation;

/// <summary>The counts a run produced, as cells to compare: from its counts.csv, or from the statistics of a run just made.</summary>
public static class ToolCounts
{
    /// <summary>Reads a run's counts.csv; a suppressed count cannot be compared, so it is refused.</summary>
    public static IReadOnlyList<BinnedCount> Read(string countsCsv)
    {
        var rows = CountsFile.Read(countsCsv);
        var hidden = rows.Where(r => r.Count is null || r.Suppressed).ToList();
        if (hidden.Count > 0)
        {
            throw new TruthException($"{countsCsv} line {hidden[0].LineNumber}: the count is suppressed (the job's suppressBelow hides {hidden.Count} count(s)): compare counts written without suppression");
        }

        return rows.Select(r => new BinnedCount(r.Key, r.Bin, r.Count!.Value)).ToList();
    }

    /// <summary>The rows of a run's statistics (never suppressed: they have not been written for anyone).</summary>
    public static IReadOnlyList<BinnedCount> Of(IEnumerable<CountRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Select(r => new BinnedCount(new CountKey(r.CameraId, r.LineId, r.Direction, TruthClasses.ClassName(r.Class), TruthClasses.VehicleType(r.Class)), r.Bin, r.Count)).ToList();
    }
}

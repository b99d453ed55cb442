using System.Globalization;
using Analytics.Core.Aggregation;

namespace Analytics.Runs.Validation;

/// <summary>
/// Compares a run's counts with the truth, cell by cell (one key in one bin). Only the bins the truth covers are
/// compared; in them, a key present on one side only is a 0 on the other (the tool writes every key of every bin it
/// analysed, zeros included), except the cells the truth leaves blank.
/// </summary>
public static class CountComparison
{
    private const string Vehicle = "vehicle";

    /// <summary>Vehicle types in the order of counts.csv; empty is all vehicles together.</summary>
    private static readonly string[] VehicleTypes = ["", "car", "motorcycle", "bus", "truck"];

    public static ValidationReport Compare(IEnumerable<BinnedCount> tool, TruthCounts truth)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(truth);
        CountKey Normal(CountKey key) => truth.AllVehiclesTogether && key.Class == Vehicle ? key with { VehicleType = "" } : key;

        var covered = new Dictionary<(string Camera, long Start), TimeBin>();
        foreach (var bin in truth.CoveredBins)
        {
            covered.TryAdd((bin.CameraId, bin.Bin.Start.UtcTicks), bin.Bin);
        }

        var toolCells = new Dictionary<(CountKey Key, long Start), int>();
        var toolBins = new Dictionary<(string Camera, long Start), TimeBin>();
        foreach (var count in tool)
        {
            var cell = (Normal(count.Key), count.Bin.Start.UtcTicks);
            toolCells[cell] = toolCells.GetValueOrDefault(cell) + count.Count;
            toolBins.TryAdd((count.Key.CameraId, count.Bin.Start.UtcTicks), count.Bin);
        }

        var truthCells = new Dictionary<(CountKey Key, long Start), int>();
        foreach (var count in truth.Counts)
        {
            var cell = (Normal(count.Key), count.Bin.Start.UtcTicks);
            truthCells[cell] = truthCells.GetValueOrDefault(cell) + count.Count;
        }

        var blank = truth.NotCounted.Select(c => (Normal(c.Key), c.BinStart.UtcTicks)).ToHashSet();
        var keys = toolCells.Keys.Where(c => covered.ContainsKey((c.Key.CameraId, c.Start)))
            .Concat(truthCells.Keys)
            .Where(c => !blank.Contains(c))
            .Distinct()
            .ToList();
        var cells = keys
            .Select(c => new ComparedCell(c.Key, covered.TryGetValue((c.Key.CameraId, c.Start), out var bin) ? bin : toolBins[(c.Key.CameraId, c.Start)], toolCells.GetValueOrDefault(c), truthCells.GetValueOrDefault(c)))
            .OrderBy(c => c.Key.CameraId, StringComparer.Ordinal).ThenBy(c => c.Bin.Start).ThenBy(c => c.Key.LineId, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Direction, StringComparer.Ordinal).ThenBy(c => ClassOrder(c.Key))
            .ToList();
        var perKey = cells.GroupBy(c => c.Key).Select(g => new ComparedKey(g.Key, g.Sum(c => c.Tool), g.Sum(c => c.Truth)))
            .OrderBy(k => k.Key.CameraId, StringComparer.Ordinal).ThenBy(k => k.Key.LineId, StringComparer.Ordinal)
            .ThenBy(k => k.Key.Direction, StringComparer.Ordinal).ThenBy(k => ClassOrder(k.Key))
            .ToList();

        var notes = new List<string>(truth.Notes);
        var outside = toolBins.Keys.Where(b => !covered.ContainsKey(b)).ToList();
        if (outside.Count > 0)
        {
            var bins = outside.Select(b => toolBins[b]).OrderBy(b => b.Start).ToList();
            notes.Add(Invariant($"{outside.Count} bin(s) of the run's counts ({CountsFile.Time(bins[0].Start)} to {CountsFile.Time(bins[^1].End)}) are outside the truth and were not compared."));
        }

        var unanalysed = covered.Keys.Where(b => !toolBins.ContainsKey(b)).Select(b => covered[b]).OrderBy(b => b.Start).ToList();
        if (unanalysed.Count > 0)
        {
            notes.Add(Invariant($"The run has no counts at all in {unanalysed.Count} bin(s) the truth covers (from {CountsFile.Time(unanalysed[0].Start)}): no footage was analysed there, and the truth there is compared with 0."));
        }

        var neverProduced = truthCells.Keys.Where(c => !toolCells.ContainsKey(c) && toolBins.ContainsKey((c.Key.CameraId, c.Start))).Select(c => c.Key).Distinct().ToList();
        if (neverProduced.Count > 0)
        {
            notes.Add($"Truth keys the run never produced (compared with 0): {string.Join(", ", neverProduced.Select(k => k.ToString()).Order(StringComparer.Ordinal))}.");
        }

        if (truth.AllVehiclesTogether)
        {
            notes.Add("The truth counts vehicles without their type: the run's car, motorcycle, bus and truck counts are added up before comparing.");
        }

        var comparedBins = covered.Select(c => new CameraBin(c.Key.Camera, c.Value)).OrderBy(b => b.CameraId, StringComparer.Ordinal).ThenBy(b => b.Bin.Start).ToList();
        return new ValidationReport(truth, perKey, cells, AccuracyMetrics.Of(cells.Select(c => (c.Tool, c.Truth))), comparedBins, notes);
    }

    /// <summary>Classes in the order of counts.csv: pedestrian, cycle, then vehicles (all together, car, motorcycle, bus, truck).</summary>
    private static int ClassOrder(CountKey key) => key.Class switch
    {
        "pedestrian" => 0,
        "cycle" => 1,
        _ => 2 + Math.Max(0, Array.IndexOf(VehicleTypes, key.VehicleType)),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

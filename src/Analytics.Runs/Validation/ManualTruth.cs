using Analytics.Core.Objects;
using Analytics.Runs.Jobs;

namespace Analytics.Runs.Validation;

/// <summary>
/// Counts made by hand, in the layout of counts.csv, checked against the job: every camera, line and direction must
/// be the job's, every bin one of the job's bins (its <c>binMinutes</c>, on the camera's wall clock). The bins the
/// file lists are the ones it covers; a count left blank means "not counted" and is not compared.
/// </summary>
public static class ManualTruth
{
    public static TruthCounts From(Job job, IReadOnlyList<CountsFileRow> rows, string source)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(rows);
        var problems = new List<string>();
        var counts = new List<BinnedCount>();
        var notCounted = new HashSet<(CountKey, DateTimeOffset)>();
        var seen = new Dictionary<(CountKey, DateTimeOffset), int>();
        foreach (var row in rows)
        {
            var where = $"{source} line {row.LineNumber}";
            if (Problem(job, row) is { } problem)
            {
                problems.Add($"{where}: {problem}");
                continue;
            }

            var cell = (row.Key, row.Bin.Start.ToUniversalTime());
            if (seen.TryGetValue(cell, out var earlier))
            {
                problems.Add($"{where}: {row.Key} in the bin starting {CountsFile.Time(row.Bin.Start)} is already counted on line {earlier}");
                continue;
            }

            seen[cell] = row.LineNumber;
            if (row.Count is { } count && !row.Suppressed)
            {
                counts.Add(new BinnedCount(row.Key, row.Bin, count));
            }
            else
            {
                notCounted.Add(cell);
            }
        }

        var vehicles = rows.Where(r => r.Key.Class == "vehicle").ToList();
        var together = vehicles.Count > 0 && vehicles.All(r => r.Key.VehicleType.Length == 0);
        if (vehicles.Any(r => r.Key.VehicleType.Length == 0) && !together)
        {
            problems.Add($"{source}: some vehicle rows give a vehicle_type and others leave it empty; give every type, or leave it empty on every vehicle row to count all vehicles together");
        }

        if (problems.Count > 0)
        {
            throw new TruthException(problems);
        }

        if (counts.Count == 0)
        {
            throw new TruthException($"{source}: every count is blank: there is nothing to compare");
        }

        var covered = rows.Select(r => new CameraBin(r.Key.CameraId, r.Bin)).DistinctBy(b => (b.CameraId, b.Bin.Start.UtcTicks)).ToList();
        return new TruthCounts(source, "counts", counts, covered) { NotCounted = notCounted, AllVehiclesTogether = together };
    }

    private static string? Problem(Job job, CountsFileRow row)
    {
        var key = row.Key;
        if (job.Cameras.FirstOrDefault(c => c.Id == key.CameraId) is not { } camera)
        {
            return $"camera '{key.CameraId}' is not in the job (its cameras: {string.Join(", ", job.Cameras.Select(c => c.Id))})";
        }

        if (camera.Lines.FirstOrDefault(l => l.Id == key.LineId) is not { } line)
        {
            return camera.Lines.Count == 0
                ? $"camera '{camera.Id}' has no line in the job, so no line '{key.LineId}'"
                : $"line '{key.LineId}' is not a line of camera '{camera.Id}' (its lines: {string.Join(", ", camera.Lines.Select(l => l.Id))})";
        }

        if (key.Direction != line.ForwardName && key.Direction != line.BackwardName)
        {
            return $"direction '{key.Direction}' is not one of line '{line.Id}''s directions ({line.ForwardName}, {line.BackwardName})";
        }

        if (!TruthClasses.TryParse(key.Class, out var parsed) || TruthClasses.ClassName(parsed) != key.Class)
        {
            return $"class '{key.Class}' is not pedestrian, cycle or vehicle";
        }

        if (key.VehicleType.Length > 0 && (parsed.Class != ObjectClass.Vehicle || !TruthClasses.TryParse(key.VehicleType, out var kind) || kind.Kind == VehicleKind.None
                || TruthClasses.VehicleType(kind) != key.VehicleType))
        {
            return parsed.Class == ObjectClass.Vehicle
                ? $"vehicle_type '{key.VehicleType}' is not car, motorcycle, bus or truck (or empty for all vehicles together)"
                : $"vehicle_type '{key.VehicleType}' is given for class {key.Class}; it is only for vehicles";
        }

        var binning = camera.Binned(job.BinMinutes).Binning;
        var expected = binning.BinOf(row.Bin.Start);
        if (expected.Start != row.Bin.Start || expected.End != row.Bin.End)
        {
            return $"the bin {CountsFile.Time(row.Bin.Start)} to {CountsFile.Time(row.Bin.End)} is not one of the job's {job.BinMinutes}-minute bins in {camera.TimeZone.Id} " +
                $"(the bin holding its start is {CountsFile.Time(expected.Start)} to {CountsFile.Time(expected.End)})";
        }

        return null;
    }
}

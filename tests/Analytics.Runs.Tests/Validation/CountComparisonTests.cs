using Analytics.Runs.Validation;

namespace Analytics.Runs.Tests.Validation;

public sealed class CountComparisonTests
{
    private static BinnedCount Count(string direction, int count, int minute = 0, string objectClass = "pedestrian", string vehicleType = "") =>
        new(ValidationScene.Key(direction, objectClass, vehicleType), ValidationScene.Bin(8, minute), count);

    private static TruthCounts Truth(IReadOnlyList<BinnedCount> counts, params int[] coveredMinutes) =>
        new("truth.csv", "counts", counts, coveredMinutes.Select(m => new CameraBin("gate", ValidationScene.Bin(8, m))).ToList());

    [Fact]
    public void Only_the_bins_the_truth_covers_are_compared_and_a_key_missing_on_one_side_is_zero()
    {
        var tool = new[] { Count("southbound", 4), Count("northbound", 1), Count("southbound", 7, minute: 15), Count("northbound", 0, minute: 15) };
        var truth = Truth([Count("southbound", 5)], 0);

        var report = CountComparison.Compare(tool, truth);

        Assert.Equal([("northbound", 1, 0), ("southbound", 4, 5)], report.Cells.Select(c => (c.Key.Direction, c.Tool, c.Truth)).ToList());
        Assert.Equal(2 / 5.0, report.Metrics.TotalAbsoluteError!.Value, 10);
        Assert.Contains(report.Notes, n => n.StartsWith("1 bin(s) of the run's counts (2026-11-21T08:15:00+01:00 to 2026-11-21T08:30:00+01:00) are outside the truth", StringComparison.Ordinal));
    }

    [Fact]
    public void Truth_keys_the_run_never_produced_are_noted_and_compared_with_zero()
    {
        var tool = new[] { Count("southbound", 4) };
        var truth = Truth([Count("southbound", 4), Count("northbound", 2, objectClass: "cycle")], 0, 15);

        var report = CountComparison.Compare(tool, truth);

        Assert.Equal(2, report.Metrics.AbsoluteErrorSum);
        Assert.Contains("Truth keys the run never produced (compared with 0): gate/north/northbound/cycle.", report.Notes);
        Assert.Contains(report.Notes, n => n.StartsWith("The run has no counts at all in 1 bin(s) the truth covers (from 2026-11-21T08:15:00+01:00)", StringComparison.Ordinal));
    }

    [Fact]
    public void Vehicle_types_are_added_up_when_the_truth_counts_vehicles_together()
    {
        var tool = new[] { Count("southbound", 2, objectClass: "vehicle", vehicleType: "car"), Count("southbound", 1, objectClass: "vehicle", vehicleType: "truck") };
        var truth = Truth([Count("southbound", 3, objectClass: "vehicle")], 0) with { AllVehiclesTogether = true };

        var report = CountComparison.Compare(tool, truth);

        var row = Assert.Single(report.Keys);
        Assert.Equal(("vehicle", "", 3, 3), (row.Key.Class, row.Key.VehicleType, row.Tool, row.Truth));
    }

    [Fact]
    public void Cells_left_blank_in_the_truth_are_not_compared()
    {
        var tool = new[] { Count("southbound", 4), Count("northbound", 9) };
        var truth = Truth([Count("southbound", 4)], 0) with { NotCounted = new HashSet<(CountKey, DateTimeOffset)> { (ValidationScene.Key("northbound"), ValidationScene.Bin(8, 0).Start) } };

        var report = CountComparison.Compare(tool, truth);

        Assert.Equal(0, report.Metrics.AbsoluteErrorSum);
        Assert.Single(report.Cells);
    }

    [Fact]
    public void Per_key_rows_add_up_the_bins_and_the_json_has_the_figures_agencies_ask_for()
    {
        var tool = new[] { Count("southbound", 4), Count("southbound", 6, minute: 15) };
        var truth = Truth([Count("southbound", 5), Count("southbound", 5, minute: 15)], 0, 15);

        var report = CountComparison.Compare(tool, truth);
        var json = ValidationJson.Of(report, new ValidationContext("job.json", "out", null, 5));

        Assert.Equal((10, 10, 0), (report.Keys[0].Tool, report.Keys[0].Truth, report.Keys[0].Error));
        Assert.Equal(0.2, (double)json["total_abs_error"]!);
        Assert.Equal(0.2, (double)json["mape"]!);
        Assert.Equal(1.0, (double)json["geh_share_below_5"]!);
        Assert.True((bool)json["above_max_error"]!);
        Assert.Single(json["rows"]!.AsArray());
        Assert.Equal(2, json["bins"]!.AsArray().Count);
        Assert.Equal("2026-11-21T08:15:00+01:00", (string)json["bins"]![1]!["bin_start"]!);
    }
}

using Analytics.Runs.Validation;

namespace Analytics.Runs.Tests.Validation;

/// <summary>Manual counts in the layout of counts.csv: reading them, and checking them against the job.</summary>
public sealed class ManualTruthTests
{
    private const string Header = "camera_id,line_id,direction,class,vehicle_type,bin_start,bin_end,count";

    private static TruthCounts Truth(params string[] rows) =>
        ManualTruth.From(ValidationScene.Job(), CountsFile.Parse(string.Join("\n", [Header, .. rows]) + "\n", "counts.csv"), "counts.csv");

    [Fact]
    public void Rows_are_read_by_header_name_with_quoting_and_a_byte_order_mark()
    {
        var rows = CountsFile.Parse(
            "\uFEFFcount,bin_end,bin_start,class,direction,line_id,camera_id\r\n" +
            "3,2026-11-21T08:15:00+01:00,2026-11-21T08:00:00+01:00,pedestrian,\"south,bound\",north,gate\r\n\r\n",
            "counts.csv");

        var row = Assert.Single(rows);
        Assert.Equal((2, "south,bound", "", 3), (row.LineNumber, row.Key.Direction, row.Key.VehicleType, row.Count));
        Assert.Equal(ValidationScene.Bin(8, 0), row.Bin);
    }

    [Fact]
    public void The_bins_listed_are_covered_and_a_blank_count_is_not_compared()
    {
        var truth = Truth(
            "gate,north,southbound,pedestrian,,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,4",
            "gate,north,northbound,pedestrian,,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,",
            "gate,north,northbound,pedestrian,,2026-11-21T08:15:00+01:00,2026-11-21T08:30:00+01:00,0");

        Assert.Equal([(ValidationScene.Key("southbound"), 4), (ValidationScene.Key("northbound"), 0)], truth.Counts.Select(c => (c.Key, c.Count)).ToList());
        Assert.Equal([ValidationScene.Bin(8, 0), ValidationScene.Bin(8, 15)], truth.CoveredBins.Select(b => b.Bin).ToList());
        Assert.Equal((ValidationScene.Key("northbound"), ValidationScene.Bin(8, 0).Start), Assert.Single(truth.NotCounted));
        Assert.False(truth.AllVehiclesTogether);
    }

    [Fact]
    public void Vehicles_without_a_type_are_counted_all_together()
    {
        var truth = Truth("gate,north,southbound,vehicle,,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,2");

        Assert.True(truth.AllVehiclesTogether);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "", "counts.csv: the file is empty; expected the header camera_id,line_id,direction,class,vehicle_type,bin_start,bin_end,count,suppressed" },
        { "camera_id,line_id,direction,class,bin_start,bin_end\n", "counts.csv line 1: the header lacks count (expected camera_id," },
        { Header + "\n", "counts.csv: the file has a header but no rows" },
        { Header + "\ngate,north,southbound,pedestrian,,2026-11-21T08:00:00+01:00,8\n", "counts.csv line 2: 7 field(s), but the header has 8" },
        { Header + "\ngate,north,southbound,pedestrian,,2026-11-21 08:00,2026-11-21T08:15:00+01:00,8\n", "counts.csv line 2: bin_start '2026-11-21 08:00' is not an ISO-8601 time with its UTC offset" },
        { Header + "\ngate,north,southbound,pedestrian,,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,-2\n", "counts.csv line 2: count '-2' is not a whole number of 0 or more" },
        { Header + "\ngate,north,southbound,pedestrian,,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,2.5\n", "counts.csv line 2: count '2.5' is not a whole number of 0 or more" },
        { Header + "\ngate,,southbound,pedestrian,,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,2\n", "counts.csv line 2: line_id is empty" },
        { Header + "\ngate,\"north,southbound,pedestrian,,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,2\n", "counts.csv line 2: a quoted field is not closed" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_file_is_refused_with_the_line_of_the_problem(string text, string expected)
    {
        var e = Assert.Throws<TruthException>(() => CountsFile.Parse(text, "counts.csv"));

        Assert.StartsWith(expected, e.Problems[0], StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Misfits => new()
    {
        { "porch,north,southbound,pedestrian,,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,1", "counts.csv line 2: camera 'porch' is not in the job (its cameras: gate)" },
        { "gate,south,southbound,pedestrian,,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,1", "counts.csv line 2: line 'south' is not a line of camera 'gate' (its lines: north)" },
        { "gate,north,forward,pedestrian,,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,1", "counts.csv line 2: direction 'forward' is not one of line 'north''s directions (southbound, northbound)" },
        { "gate,north,southbound,person,,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,1", "counts.csv line 2: class 'person' is not pedestrian, cycle or vehicle" },
        { "gate,north,southbound,vehicle,van,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,1", "counts.csv line 2: vehicle_type 'van' is not car, motorcycle, bus or truck" },
        { "gate,north,southbound,cycle,car,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,1", "counts.csv line 2: vehicle_type 'car' is given for class cycle; it is only for vehicles" },
        {
            "gate,north,southbound,pedestrian,,2026-11-21T08:07:00+01:00,2026-11-21T08:22:00+01:00,1",
            "counts.csv line 2: the bin 2026-11-21T08:07:00+01:00 to 2026-11-21T08:22:00+01:00 is not one of the job's 15-minute bins in Europe/Paris (the bin holding its start is 2026-11-21T08:00:00+01:00 to 2026-11-21T08:15:00+01:00)"
        },
        {
            "gate,north,southbound,pedestrian,,2026-11-21T08:00:00+01:00,2026-11-21T09:00:00+01:00,1",
            "counts.csv line 2: the bin 2026-11-21T08:00:00+01:00 to 2026-11-21T09:00:00+01:00 is not one of the job's 15-minute bins"
        },
        {
            "gate,north,southbound,pedestrian,,2026-11-21T07:00:00Z,2026-11-21T07:15:00Z,1\ngate,north,southbound,pedestrian,,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,2",
            "counts.csv line 3: gate/north/southbound/pedestrian in the bin starting 2026-11-21T08:00:00+01:00 is already counted on line 2"
        },
        {
            "gate,north,southbound,vehicle,,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,1\ngate,north,northbound,vehicle,car,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,1",
            "counts.csv: some vehicle rows give a vehicle_type and others leave it empty"
        },
        { "gate,north,southbound,pedestrian,,2026-11-21T08:00:00+01:00,2026-11-21T08:15:00+01:00,", "counts.csv: every count is blank: there is nothing to compare" },
    };

    [Theory]
    [MemberData(nameof(Misfits))]
    public void Counts_that_do_not_fit_the_job_are_refused_in_one_sentence(string rows, string expected)
    {
        var e = Assert.Throws<TruthException>(() => Truth(rows.Split('\n')));

        Assert.StartsWith(expected, e.Problems[0], StringComparison.Ordinal);
    }
}

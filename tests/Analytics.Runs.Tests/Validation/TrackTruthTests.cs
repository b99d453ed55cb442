using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Runs.Validation;

namespace Analytics.Runs.Tests.Validation;

/// <summary>
/// Truth counts from tracks on the synthetic scene: a 10 fps clock from 08:14:50, so the 15-minute bins 08:00 and
/// 08:15 meet at frame index 100 (10 s in).
/// </summary>
public sealed class TrackTruthTests
{
    private static readonly ClassKey Pedestrian = new(ObjectClass.Pedestrian, VehicleKind.None);

    /// <summary>A walker whose anchor goes from y = 150 to y = 250 at x = 200, crossing y = 200 halfway between truth frames <paramref name="first"/> and <paramref name="first"/> + 1.</summary>
    private static List<AnnotatedBox> Walker(int id, int first, bool down = true) =>
    [
        Box(id, first, 200, down ? 150 : 250),
        Box(id, first + 1, 200, down ? 250 : 150),
    ];

    private static AnnotatedBox Box(int id, int frame, float x, float y, float width = 20, float height = 50) =>
        new(frame, frame, id, new Box(x - (width / 2), y - height, x + (width / 2), y), true, Pedestrian);

    private static TruthCounts From(IReadOnlyList<AnnotatedBox> boxes, TrackTruthOptions? options = null, int frames = 400, Analytics.Runs.Jobs.Job? job = null) =>
        TrackTruth.From(job ?? ValidationScene.Job(), boxes, options ?? new TrackTruthOptions(), "gt.txt", (_, _, _) => ValidationScene.Clock(frames));

    [Fact]
    public void Crossings_are_timed_on_the_video_clock_and_binned_with_the_job_s_bins()
    {
        // Truth frames 50-51 are video frames 49-50 (4.95 s: bin 08:00); frames 120-121 are 119-120 (11.95 s: bin 08:15).
        var truth = From([.. Walker(1, 50), .. Walker(2, 120), .. Walker(3, 130, down: false), Box(9, 1, 50, 50), Box(9, 300, 60, 60)]);

        Assert.Equal(
            [(ValidationScene.Key("southbound"), ValidationScene.Bin(8, 0), 1), (ValidationScene.Key("northbound"), ValidationScene.Bin(8, 15), 1), (ValidationScene.Key("southbound"), ValidationScene.Bin(8, 15), 1)],
            truth.Counts.OrderBy(c => c.Bin.Start).ThenBy(c => c.Key.Direction, StringComparer.Ordinal).Select(c => (c.Key, c.Bin, c.Count)).ToList());
        Assert.Equal([ValidationScene.Bin(8, 0), ValidationScene.Bin(8, 15)], truth.CoveredBins.Select(b => b.Bin).ToList());
        Assert.Equal("tracks", truth.Format);
    }

    [Theory]
    [InlineData(0, 8, 0)]     // truth frames 99-100 are video frames 98-99 (9.85 s): the 08:00 bin
    [InlineData(2, 8, 15)]    // with an offset of 2 they are video frames 100-101 (10.05 s): the 08:15 bin
    [InlineData(-50, 8, 0)]
    public void The_frame_offset_maps_truth_frames_onto_video_frames(int offset, int hour, int minute)
    {
        var truth = From(Walker(1, 99), new TrackTruthOptions { FrameOffset = offset });

        Assert.Equal(ValidationScene.Bin(hour, minute), Assert.Single(truth.Counts).Bin);
    }

    [Fact]
    public void A_bin_annotated_only_in_part_while_the_video_goes_on_is_noted()
    {
        var truth = From([.. Walker(1, 10), Box(2, 40, 50, 50)]);

        Assert.Contains(truth.Notes, n => n.Contains("only partly annotated", StringComparison.Ordinal));
        Assert.Single(truth.CoveredBins);
    }

    public static TheoryData<string, string> Misfits => new()
    {
        { "frames", "gt.txt line 401: truth frame 401 maps to video frame index 400, but 0.mp4 has only 400 frames" },
        { "offset", "gt.txt line 1: truth frame 1 maps to video frame index -1, before the first frame: the frame offset (-1) is too small" },
        { "outside", "gt.txt line 7: the box [700,100,720,150] lies outside the 640x480 frame of 0.mp4 (1 box(es) do)" },
        { "cameras", "gt.txt: the job has 2 cameras (gate, gate-1); name the one the tracks were annotated on" },
        { "camera", "gt.txt: camera 'porch' is not in the job (its cameras: gate)" },
        { "inputs", "gt.txt: camera 'gate' has 2 inputs in the job; a tracks file is the truth of one recording" },
    };

    [Theory]
    [MemberData(nameof(Misfits))]
    public void Tracks_that_do_not_fit_the_job_or_its_video_are_refused_in_one_sentence(string situation, string expected)
    {
        var boxes = new List<AnnotatedBox> { Box(1, 1, 200, 150), Box(1, 2, 200, 250) };
        var options = new TrackTruthOptions();
        var job = ValidationScene.Job();
        switch (situation)
        {
            case "frames":
                boxes.Add(Box(2, 401, 100, 100) with { LineNumber = 401 });
                break;
            case "offset":
                options = options with { FrameOffset = -1 };
                break;
            case "outside":
                boxes.Add(Box(3, 7, 710, 150) with { LineNumber = 7 });
                break;
            case "cameras":
                job = ValidationScene.Job(cameras: 2);
                break;
            case "camera":
                options = options with { CameraId = "porch" };
                break;
            default:
                job = ValidationScene.Job(inputs: 2);
                break;
        }

        var e = Assert.Throws<TruthException>(() => From(boxes, options, job: job));

        Assert.StartsWith(expected, Assert.Single(e.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_box_partly_out_of_the_frame_is_accepted()
    {
        var truth = From([Box(1, 1, 5, 150), Box(1, 2, 5, 481)]);

        Assert.Empty(truth.Counts);
    }
}

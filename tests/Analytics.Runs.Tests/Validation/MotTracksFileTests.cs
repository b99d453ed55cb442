using Analytics.Core.Counting;
using Analytics.Core.Objects;
using Analytics.Runs.Validation;

namespace Analytics.Runs.Tests.Validation;

public sealed class MotTracksFileTests
{
    private static readonly ClassKey Pedestrian = new(ObjectClass.Pedestrian, VehicleKind.None);

    [Fact]
    public void Mot15_rows_without_a_class_take_the_default_class_and_keep_their_consider_flag()
    {
        const string Text = "1,9,311.875,98.75,19.394,46.981,1,-1,-1,-1\n1,15,161.25,136.875,20.571,55.439,0,-1,-1,-1\n\n2,9,310.625,98.75,19.394,46.981,1,-1,-1,-1\n";

        var boxes = MotTracksFile.Parse(Text, "gt.txt", new ClassKey(ObjectClass.Cycle, VehicleKind.None));

        Assert.Equal(3, boxes.Count);
        Assert.Equal((1, 9, true, 1), (boxes[0].Frame, boxes[0].TrackId, boxes[0].Consider, boxes[0].LineNumber));
        Assert.Equal(311.875f + (19.394f / 2), boxes[0].Box.Anchor.X, 3);
        Assert.Equal(98.75f + 46.981f, boxes[0].Box.Anchor.Y, 3);
        Assert.False(boxes[1].Consider);
        Assert.Equal(4, boxes[2].LineNumber);
        Assert.All(boxes, b => Assert.Equal(ObjectClass.Cycle, b.Class.Class));
    }

    public static TheoryData<string, string?> Classes => new()
    {
        { "1", "pedestrian" },          // MOTChallenge numbering
        { "7", "pedestrian" },          // static person
        { "3", "vehicle/car" },
        { "4", "cycle" },
        { "5", "vehicle/motorcycle" },
        { "2", null },                  // person on a vehicle: its vehicle is counted
        { "8", null },                  // distractor
        { "truck", "vehicle/truck" },
        { "Person", "pedestrian" },
        { "bicycle", "cycle" },
        { "-1", "pedestrian" },
    };

    [Theory]
    [MemberData(nameof(Classes))]
    public void The_class_column_is_a_mot_number_a_name_or_minus_one(string field, string? expected)
    {
        var text = $"1,1,10,10,20,40,1,{field},1.0\n2,2,10,10,20,40,1,1,1.0\n";

        var boxes = MotTracksFile.Parse(text, "gt.txt", Pedestrian);

        var first = boxes.Where(b => b.TrackId == 1).Select(b => b.Class.Kind == VehicleKind.None ? ObjectClassNames.Of(b.Class.Class) : $"{ObjectClassNames.Of(b.Class.Class)}/{ObjectClassNames.Of(b.Class.Kind)}").SingleOrDefault();
        Assert.Equal(expected, first);
    }

    [Fact]
    public void A_cvat_export_s_labels_give_the_meaning_of_its_class_numbers()
    {
        var boxes = MotTracksFile.Parse("1,1,10,10,20,40,1,2,1.0\n1,2,10,10,20,40,1,3,1.0\n1,3,10,10,20,40,1,1,1.0\n", "gt.txt", Pedestrian, ["car", "bicycle", "tree"]);

        Assert.Equal([(1, ObjectClass.Cycle), (3, ObjectClass.Vehicle)], boxes.Select(b => (b.TrackId, b.Class.Class)).ToList());
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "1,1,10,10,20,40\n", "gt.txt line 1: 6 field(s); a MOT row has at least 7" },
        { "1,1,10,10,20,40,1\n0,1,10,10,20,40,1\n", "gt.txt line 2: frame '0' is not a whole number of 1 or more (MOT frames are 1-based)" },
        { "1,x,10,10,20,40,1\n", "gt.txt line 1: id 'x' is not a whole number" },
        { "1,1,10,ten,20,40,1\n", "gt.txt line 1: left, top, width and height must be numbers" },
        { "1,1,10,10,0,40,1\n", "gt.txt line 1: the box is empty" },
        { "1,1,10,10,20,40,1\n1,1,12,10,20,40,1\n", "gt.txt line 2: track 1 already has a box in frame 1 (line 1)" },
        { "1,1,10,10,20,40,1,horse\n", "gt.txt line 1: class 'horse' is neither -1, a class number nor one of" },
        { "", "gt.txt: no annotated box of a counted class" },
        { "1,1,10,10,20,40,1,8\n", "gt.txt: no annotated box of a counted class" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_file_is_refused_with_the_line_of_each_problem(string text, string expected)
    {
        var e = Assert.Throws<TruthException>(() => MotTracksFile.Parse(text, "gt.txt", Pedestrian));

        Assert.StartsWith(expected, e.Problems[0], StringComparison.Ordinal);
    }
}

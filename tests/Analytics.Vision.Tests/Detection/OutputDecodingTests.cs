using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Vision.Detection;

namespace Analytics.Vision.Tests.Detection;

public sealed class OutputDecodingTests
{
    private static readonly int[] PersonAndCar = [0, 2];

    [Fact]
    public void Yolox_rows_are_decoded_on_their_grid_cell_and_stride()
    {
        var decoder = new YoloxOutputDecoder(inputSize: 64, classCount: 80);
        Assert.Equal(new long[] { 1, 64 + 16 + 4, 85 }, Assert.Single(decoder.ExpectedOutputShapes));
        var output = new float[84 * 85];

        // Stride 8 grid is 8x8: row 8*2 + 3 is cell (gx=3, gy=2). A person there with objectness 0.9, p=0.8.
        SetRow(output, 19, tx: 0.5f, ty: 0.25f, tw: 0f, th: MathF.Log(2f), objectness: 0.9f, classId: 0, probability: 0.8f);
        // Stride 16 grid is 4x4, after the 64 stride-8 rows: row 64 + 4*1 + 2 is cell (2, 1). A car, 0.5 x 0.9.
        SetRow(output, 70, tx: 0f, ty: 0f, tw: MathF.Log(3f), th: 0f, objectness: 0.5f, classId: 2, probability: 0.9f);
        // Objectness under the threshold: skipped whatever its class probability.
        SetRow(output, 0, 0, 0, 0, 0, objectness: 0.2f, classId: 0, probability: 1f);
        // A high-scoring dog (class 16) is not a mapped class: dropped at the source.
        SetRow(output, 80, 0, 0, 0, 0, objectness: 0.95f, classId: 16, probability: 0.95f);

        var candidates = new List<Candidate>();
        decoder.Decode(output, PersonAndCar, 0.25f, candidates);

        Assert.Equal(2, candidates.Count);
        Assert.Equal(0, candidates[0].ModelClass);
        Assert.Equal(0.72f, candidates[0].Score, 1e-6f);
        Assert.Equal(Box.FromCenter((0.5f + 3) * 8, (0.25f + 2) * 8, 8, 16), candidates[0].Box);
        Assert.Equal(2, candidates[1].ModelClass);
        Assert.Equal(Box.FromCenter(2 * 16, 1 * 16, 48, 16), candidates[1].Box);
    }

    [Fact]
    public void Channels_first_yolo_output_takes_the_best_mapped_class_per_anchor()
    {
        const int Anchors = 3;
        var decoder = new YoloChannelsFirstOutputDecoder(Anchors, classCount: 80);
        Assert.Equal(new long[] { 1, 84, Anchors }, Assert.Single(decoder.ExpectedOutputShapes));
        var output = new float[84 * Anchors];
        void Set(int feature, int anchor, float value) => output[(feature * Anchors) + anchor] = value;

        // Anchor 0: a box at (100, 50) 20x40, person 0.3 and car 0.6 -> a car.
        Set(0, 0, 100); Set(1, 0, 50); Set(2, 0, 20); Set(3, 0, 40);
        Set(4 + 0, 0, 0.3f); Set(4 + 2, 0, 0.6f);
        // Anchor 1: every mapped score below the threshold.
        Set(4 + 0, 1, 0.2f);
        // Anchor 2: only an unmapped class (dog) scores.
        Set(4 + 16, 2, 0.99f);

        var candidates = new List<Candidate>();
        decoder.Decode(output, PersonAndCar, 0.25f, candidates);

        var car = Assert.Single(candidates);
        Assert.Equal(2, car.ModelClass);
        Assert.Equal(0.6f, car.Score);
        Assert.Equal(new Box(90, 30, 110, 70), car.Box);
    }

    /// <summary>
    /// A GFL head at 64×64 with strides 8, 16, 32, 64 (grids 8², 4², 2², 1²) and regMax 7: class scores of the four
    /// levels, then the box distributions (32 values a row) of the four levels, one buffer.
    /// </summary>
    [Fact]
    public void Gfl_rows_decode_around_their_cell_centre_by_the_expected_distance_of_each_side()
    {
        int[] strides = [8, 16, 32, 64];
        var decoder = new GflOutputDecoder(inputSize: 64, classCount: 80, strides, regMax: 7);
        Assert.Equal(
            [[1, 64, 80], [1, 16, 80], [1, 4, 80], [1, 1, 80], [1, 64, 32], [1, 16, 32], [1, 4, 32], [1, 1, 32]],
            decoder.ExpectedOutputShapes.Select(shape => shape.ToArray()));
        var scoreStart = new[] { 0, 64 * 80, 80 * 80, 84 * 80 };
        var boxStart = new[] { 85 * 80, (85 * 80) + (64 * 32), (85 * 80) + (80 * 32), (85 * 80) + (84 * 32) };
        var output = new float[(85 * 80) + (85 * 32)];
        Array.Fill(output, -20f, boxStart[0], 85 * 32); // logits far below those set: only the bins set below carry mass

        // Level 1 (stride 16, 4×4): row 6 is cell (gx 2, gy 1), centre (40, 24). A car, 0.7 (person 0.3).
        // Sides: left all mass on bin 1 (16 px), top on bin 2 (32 px), right split evenly over bins 0 and 1
        // (0.5 stride = 8 px), bottom on bin 0 (0 px).
        output[scoreStart[1] + (6 * 80) + 2] = 0.7f;
        output[scoreStart[1] + (6 * 80) + 0] = 0.3f;
        var sides = output.AsSpan(boxStart[1] + (6 * 32), 32);
        sides[0 + 1] = 20f;
        sides[8 + 2] = 20f;
        sides[16 + 0] = 5f;
        sides[16 + 1] = 5f;
        sides[24 + 0] = 20f;
        // Level 3 (stride 64, one cell, centre (32, 32)): a person at 0.5, every side 0.5 stride (32 px).
        output[scoreStart[3]] = 0.5f;
        for (var side = 0; side < 4; side++)
        {
            output[boxStart[3] + (side * 8)] = 3f;
            output[boxStart[3] + (side * 8) + 1] = 3f;
        }

        // Under the threshold, and an unmapped class (dog, 16) above it: neither comes out.
        output[scoreStart[0] + 16] = 0.2f;
        output[scoreStart[2] + 80 + 16] = 0.99f;

        var candidates = new List<Candidate>();
        decoder.Decode(output, PersonAndCar, 0.25f, candidates);

        Assert.Equal(2, candidates.Count);
        Assert.Equal((2, 0.7f), (candidates[0].ModelClass, candidates[0].Score));
        AssertBox(new Box(40 - 16, 24 - 32, 40 + 8, 24), candidates[0].Box);
        Assert.Equal((0, 0.5f), (candidates[1].ModelClass, candidates[1].Score));
        AssertBox(new Box(0, 0, 64, 64), candidates[1].Box);
    }

    [Theory]
    [InlineData(new[] { 0f, 0f }, 0.5f)]
    [InlineData(new[] { 0f, 0f, 0f, 0f }, 1.5f)]
    [InlineData(new[] { 1000f, 0f, 0f }, 0f)]        // a huge logit: no overflow (softmax shifted by its maximum)
    [InlineData(new[] { -1000f, -1000f, 0f }, 2f)]
    public void A_gfl_side_is_the_expectation_of_its_softmax(float[] logits, float expected) =>
        Assert.Equal(expected, GflOutputDecoder.Expectation(logits), 1e-5f);

    [Fact]
    public void Boxes_covering_most_of_the_frame_or_nothing_of_it_are_dropped()
    {
        // A 480x360 frame stretched to 64x64: frame x = input x · 7.5, frame y = input y · 5.625.
        var stretch = new InputTransform(64f / 480, 64f / 360, 0, 0);
        var candidates = new List<Candidate>
        {
            new(new Box(0, 0, 64, 64), 0.9f, 2),           // the whole frame: a detector artefact
            new(new Box(0, 0, 64, 39), 0.8f, 7),           // 61 % of the frame
            new(new Box(-10, 0, 64, 38), 0.8f, 5),         // 59 % once clipped to the frame: kept
            new(new Box(10, 10, 20, 30), 0.7f, 0),         // a person
            new(new Box(64.01f, 10, 80, 30), 0.6f, 0),     // entirely beyond the right edge
        };

        FrameDetector.DropImplausible(candidates, stretch, 480, 360);

        Assert.Equal([5, 0], candidates.Select(c => c.ModelClass));
    }

    [Fact]
    public void Nms_suppresses_overlapping_boxes_of_the_same_class_only()
    {
        var candidates = new List<Candidate>
        {
            new(new Box(0, 0, 10, 20), 0.6f, 0),
            new(new Box(1, 0, 11, 20), 0.9f, 0),   // IoU 0.82 with the first: the first goes
            new(new Box(1, 0, 11, 20), 0.5f, 2),   // same place, another class: kept
            new(new Box(6, 0, 16, 20), 0.7f, 0),   // IoU 0.43 with the best: under 0.45, kept
        };

        new ClassAwareNms(0.45f).Apply(candidates);

        Assert.Equal([0.9f, 0.7f, 0.5f], candidates.Select(c => c.Score));
    }

    [Fact]
    public void Nms_grows_its_buffers_for_crowded_frames()
    {
        var candidates = Enumerable.Range(0, 1000).Select(i => new Candidate(new Box(i * 20, 0, (i * 20) + 10, 10), 0.5f, 0)).ToList();

        new ClassAwareNms(0.45f).Apply(candidates);

        Assert.Equal(1000, candidates.Count);
    }

    [Theory]
    [InlineData("person", ObjectClass.Pedestrian, VehicleKind.None)]
    [InlineData("bicycle", ObjectClass.Cycle, VehicleKind.None)]
    [InlineData("car", ObjectClass.Vehicle, VehicleKind.Car)]
    [InlineData("motorcycle", ObjectClass.Vehicle, VehicleKind.Motorcycle)]
    [InlineData("bus", ObjectClass.Vehicle, VehicleKind.Bus)]
    [InlineData("truck", ObjectClass.Vehicle, VehicleKind.Truck)]
    public void Coco_classes_map_to_what_is_counted(string coco, ObjectClass objectClass, VehicleKind kind)
    {
        Assert.True(CocoTaxonomy.TryMap(coco, out var mappedClass, out var mappedKind));
        Assert.Equal((objectClass, kind), (mappedClass, mappedKind));
    }

    [Theory]
    [InlineData("dog")]
    [InlineData("train")]
    [InlineData("face")]
    public void Other_classes_are_dropped(string coco) => Assert.False(CocoTaxonomy.TryMap(coco, out _, out _));

    private static void AssertBox(Box expected, Box actual)
    {
        Assert.Equal(expected.Left, actual.Left, 1e-3f);
        Assert.Equal(expected.Top, actual.Top, 1e-3f);
        Assert.Equal(expected.Right, actual.Right, 1e-3f);
        Assert.Equal(expected.Bottom, actual.Bottom, 1e-3f);
    }

    private static void SetRow(float[] output, int row, float tx, float ty, float tw, float th, float objectness, int classId, float probability)
    {
        var values = output.AsSpan(row * 85, 85);
        values[0] = tx;
        values[1] = ty;
        values[2] = tw;
        values[3] = th;
        values[4] = objectness;
        values[5 + classId] = probability;
    }
}

using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Core.Tracking;

namespace Analytics.Core.Tests.Tracking;

/// <summary>One class per object, decided from what its detections said over its whole path.</summary>
public sealed class ClassEvidenceTests
{
    private static readonly DetectedObject Person = new(new Box(0, 0, 20, 60), 0.8f, ObjectClass.Pedestrian);
    private static readonly DetectedObject Bicycle = new(new Box(0, 20, 30, 60), 0.6f, ObjectClass.Cycle);
    private static readonly DetectedObject Motorcycle = new(new Box(0, 20, 30, 60), 0.6f, ObjectClass.Vehicle, VehicleKind.Motorcycle);
    private static readonly DetectedObject Car = new(new Box(0, 0, 80, 50), 0.8f, ObjectClass.Vehicle, VehicleKind.Car);
    private static readonly DetectedObject Truck = new(new Box(0, 0, 80, 50), 0.6f, ObjectClass.Vehicle, VehicleKind.Truck);

    /// <summary>
    /// Frames of one object moving 10 px per frame: the detection matched, and whether a bicycle (b) or motorcycle (m)
    /// box was seen beside it. Codes: P person, C cycle (rider merged), M motorcycle, K car, T truck; "P+b" a person
    /// with a bicycle box beside it; "p" a person standing still (no move since the previous frame).
    /// </summary>
    public static TheoryData<string, string, string> Lives => new()
    {
        { "a pedestrian", "P P P P P P", "pedestrian" },
        { "a cyclist seen as a cycle", "C C C C C C", "cycle" },
        { "a cyclist whose bicycle was missed on half the frames", "P C P C P C", "cycle" },
        { "a cyclist whose bicycle was seen apart from them on half the frames", "P P+b P P+b P P+b", "cycle" },
        { "a cyclist whose bicycle was seen on the first third of the way only", "C C P P P P", "cycle" },
        { "a pedestrian passing a bicycle for one frame in six", "P P P+b P P P", "pedestrian" },
        { "a pedestrian standing by a bicycle, then walking away", "p+b p+b p+b p+b p+b p+b p+b p+b P P P P P P P P P P", "pedestrian" },
        { "a two-wheeler seen more often as a motorcycle", "M M C M P M", "vehicle motorcycle" },
        { "a two-wheeler seen as often as a bicycle as a motorcycle", "M C M C", "cycle" },
        { "a motorcyclist whose motorcycle was missed on some frames", "M P M P M M", "vehicle motorcycle" },
        { "a van seen as a car and a truck", "K T K K T K", "vehicle car" },
        { "a car with a person detected on it for a frame", "K K P K K K", "vehicle car" },
    };

    [Theory]
    [MemberData(nameof(Lives))]
    public void The_class_is_decided_from_the_whole_path(string situation, string frames, string expected)
    {
        var evidence = default(ClassEvidence);
        Point2? previous = null;
        var x = 0f;
        foreach (var code in frames.Split(' '))
        {
            var (seen, beside) = code.Split('+') is [var s, var b] ? (s, b) : (code, "");
            if (seen != "p")
            {
                x += 10;
            }

            var detection = seen.ToUpperInvariant() switch
            {
                "P" => Person,
                "C" => Bicycle,
                "M" => Motorcycle,
                "K" => Car,
                _ => Truck,
            };
            detection = detection with { Box = new Box(detection.Box.Left + x, detection.Box.Top, detection.Box.Right + x, detection.Box.Bottom) };
            DetectedObject[] twoWheelers = beside switch
            {
                "b" => [Bicycle],
                "m" => [Motorcycle],
                _ => [],
            };
            evidence = evidence.With(detection, twoWheelers, previous);
            previous = detection.Box.Anchor;
        }

        var (objectClass, kind) = evidence.Decide();
        var actual = (ObjectClassNames.Of(objectClass) + " " + ObjectClassNames.Of(kind)).Trim();
        Assert.True(expected == actual, $"{situation}: expected {expected}, got {actual}");
    }

    [Fact]
    public void The_evidence_of_two_fragments_adds_up_to_that_of_the_whole_path()
    {
        var first = default(ClassEvidence).With(Person, [], null).With(Person, [Bicycle], new Point2(0, 60));
        var second = default(ClassEvidence).With(Bicycle, [], null);

        var whole = first + second;

        Assert.Equal((3, 2, 2, 0), (whole.Frames, whole.TwoWheelerFrames, whole.BicycleFrames, whole.MotorcycleFrames));
        Assert.Equal(first.Person + second.Person, whole.Person);
    }
}

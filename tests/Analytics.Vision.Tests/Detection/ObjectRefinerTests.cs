using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Vision.Detection;

namespace Analytics.Vision.Tests.Detection;

public sealed class ObjectRefinerTests
{
    private static readonly Box Bicycle = new(100, 150, 160, 200);

    private static DetectedObject Person(float left, float top, float right, float bottom, float score = 0.8f) =>
        new(new Box(left, top, right, bottom), score, ObjectClass.Pedestrian);

    private static DetectedObject Vehicle(VehicleKind kind, Box box, float score) => new(box, score, ObjectClass.Vehicle, kind);

    /// <summary>Person boxes around a bicycle at [100,150,160,200], and whether each is its rider.</summary>
    public static TheoryData<string, Box, bool> RiderCases => new()
    {
        { "seated, feet on the pedals", new Box(115, 100, 145, 185), true },
        { "seated, leaning forward", new Box(120, 105, 158, 180), true },
        { "walking beside the bike, centre outside its box", new Box(150, 120, 178, 200), false },
        { "standing behind it, feet on the ground far below", new Box(118, 140, 142, 230), false },
        { "far above it (another person further away)", new Box(120, 40, 140, 100), false },
        { "small overlap at the corner", new Box(90, 110, 104, 160), false },
    };

    [Theory]
    [MemberData(nameof(RiderCases))]
    public void A_person_sitting_on_a_bicycle_is_its_rider(string situation, Box person, bool isRider)
    {
        Assert.True(ObjectRefiner.IsRider(person, Bicycle) == isRider, situation);

        var objects = new List<DetectedObject> { new(Bicycle, 0.6f, ObjectClass.Cycle), Person(person.Left, person.Top, person.Right, person.Bottom) };
        new ObjectRefiner().Refine(objects);

        Assert.Equal(isRider ? 1 : 2, objects.Count);
        var cycle = Assert.Single(objects, o => o.Class == ObjectClass.Cycle);
        Assert.Equal(isRider ? Bicycle.Union(person) : Bicycle, cycle.Box);
        Assert.Equal(isRider ? 0.8f : 0.6f, cycle.Score);
    }

    [Fact]
    public void A_motorcycle_rider_becomes_part_of_the_motorcycle()
    {
        var objects = new List<DetectedObject> { Vehicle(VehicleKind.Motorcycle, Bicycle, 0.7f), Person(115, 100, 145, 185) };

        new ObjectRefiner().Refine(objects);

        var motorcycle = Assert.Single(objects);
        Assert.Equal((ObjectClass.Vehicle, VehicleKind.Motorcycle), (motorcycle.Class, motorcycle.Kind));
    }

    [Fact]
    public void A_bicycle_takes_one_rider_the_one_overlapping_most()
    {
        var objects = new List<DetectedObject>
        {
            new(Bicycle, 0.6f, ObjectClass.Cycle),
            Person(112, 100, 148, 190, 0.9f),     // the rider
            Person(125, 110, 159, 175, 0.5f),     // a second, partial box on the same rider region
        };

        new ObjectRefiner().Refine(objects);

        Assert.Single(objects, o => o.Class == ObjectClass.Cycle);
        var left = Assert.Single(objects, o => o.Class == ObjectClass.Pedestrian);
        Assert.Equal(0.5f, left.Score);
    }

    [Fact]
    public void Two_cyclists_side_by_side_keep_their_own_riders()
    {
        var second = new Box(200, 150, 260, 200);
        var objects = new List<DetectedObject>
        {
            new(Bicycle, 0.6f, ObjectClass.Cycle), new(second, 0.6f, ObjectClass.Cycle),
            Person(115, 100, 145, 185), Person(215, 100, 245, 185),
        };

        new ObjectRefiner().Refine(objects);

        Assert.Equal(2, objects.Count);
        Assert.All(objects, o => Assert.Equal(ObjectClass.Cycle, o.Class));
        Assert.Equal(Bicycle.Union(new Box(115, 100, 145, 185)), objects[0].Box);
        Assert.Equal(second.Union(new Box(215, 100, 245, 185)), objects[1].Box);
    }

    public static TheoryData<string, Box, Box, bool> VehicleDuplicateCases => new()
    {
        { "car and truck on the same van", new Box(407, 26, 453, 62), new Box(409, 27, 455, 63), true },
        { "a car box inside a truck box", new Box(400, 20, 460, 70), new Box(410, 30, 450, 66), true },
        { "two vehicles parked nose to tail", new Box(400, 20, 450, 60), new Box(445, 22, 495, 62), false },
    };

    [Theory]
    [MemberData(nameof(VehicleDuplicateCases))]
    public void Boxes_of_different_vehicle_sub_classes_on_one_vehicle_become_one(string situation, Box truck, Box car, bool oneVehicle)
    {
        var objects = new List<DetectedObject> { Vehicle(VehicleKind.Truck, truck, 0.74f), Vehicle(VehicleKind.Car, car, 0.5f) };

        new ObjectRefiner().Refine(objects);

        Assert.True(objects.Count == (oneVehicle ? 1 : 2), situation);
        Assert.Equal(VehicleKind.Truck, objects[0].Kind);
        if (oneVehicle)
        {
            Assert.Equal(truck.Union(car), objects[0].Box);
        }
    }

    [Fact]
    public void Pedestrians_close_together_are_never_merged()
    {
        var objects = new List<DetectedObject> { Person(100, 100, 120, 160), Person(105, 102, 125, 162), Person(300, 100, 320, 160) };

        new ObjectRefiner().Refine(objects);

        Assert.Equal(3, objects.Count);
    }
}

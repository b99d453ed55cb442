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
    public void A_bicycle_takes_one_rider_the_highest_scored_and_further_boxes_on_that_rider_go_with_it()
    {
        var objects = new List<DetectedObject>
        {
            new(Bicycle, 0.6f, ObjectClass.Cycle),
            Person(125, 110, 159, 175, 0.5f),     // a partial box on the rider's torso: overlaps the bicycle more, but scores less
            Person(112, 100, 148, 190, 0.9f),     // the rider
            Person(20, 100, 50, 190, 0.7f),       // a pedestrian elsewhere
        };

        new ObjectRefiner().Refine(objects);

        Assert.Equal(2, objects.Count);
        var cycle = Assert.Single(objects, o => o.Class == ObjectClass.Cycle);
        Assert.Equal((Bicycle.Union(new Box(112, 100, 148, 190)), 0.9f), (cycle.Box, cycle.Score));
        Assert.Equal(0.7f, Assert.Single(objects, o => o.Class == ObjectClass.Pedestrian).Score);
    }

    [Fact]
    public void A_cyclist_boxed_rider_included_takes_the_rider_whose_head_is_inside_the_box()
    {
        // PP-PicoDet 320 on the junction clip, frame 40: a "motorcycle" box drawn round the whole cyclist, and the rider.
        var motorcycle = new Box(281, 204, 333, 321);
        var rider = new Box(282, 206, 334, 321);
        var objects = new List<DetectedObject> { Person(rider.Left, rider.Top, rider.Right, rider.Bottom, 0.67f), Vehicle(VehicleKind.Motorcycle, motorcycle, 0.46f) };

        Assert.True(ObjectRefiner.IsRider(rider, motorcycle));
        Assert.False(ObjectRefiner.IsRider(new Box(290, 210, 320, 240), motorcycle)); // a small figure further away, seen through the box

        new ObjectRefiner().Refine(objects);

        Assert.Equal(motorcycle.Union(rider), Assert.Single(objects).Box);
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
        Assert.Equal((VehicleKind.Truck, truck, 0.74f), (objects[0].Kind, objects[0].Box, objects[0].Score)); // the higher-scored box stays as it is
    }

    /// <summary>
    /// Pairs seen with PP-PicoDet on the junction clip (boxes rounded), the first higher-scored: whether the second is
    /// a duplicate of the first and goes.
    /// </summary>
    public static TheoryData<string, DetectedObject, DetectedObject, bool> DuplicateCases => new()
    {
        { "a partial car box inside the car (same sub-class, IoU 0.41: NMS keeps it)", Vehicle(VehicleKind.Car, new Box(95, 111, 168, 161), 0.76f), Vehicle(VehicleKind.Car, new Box(95, 116, 128, 161), 0.37f), true },
        { "a bus box spanning a row of parked vehicles around a truck", Vehicle(VehicleKind.Truck, new Box(381, 53, 461, 100), 0.35f), Vehicle(VehicleKind.Bus, new Box(267, 37, 468, 102), 0.24f), true },
        { "a cyclist called a motorcycle as well", new(new Box(286, 245, 333, 326), 0.37f, ObjectClass.Cycle), Vehicle(VehicleKind.Motorcycle, new Box(283, 207, 336, 314), 0.36f), true },
        { "a motorcycle filtering past a van", Vehicle(VehicleKind.Truck, new Box(400, 20, 500, 100), 0.8f), Vehicle(VehicleKind.Motorcycle, new Box(420, 60, 440, 95), 0.6f), false },
        { "a bicycle in front of a car", Vehicle(VehicleKind.Car, new Box(400, 20, 500, 100), 0.8f), new(new Box(420, 60, 460, 95), 0.6f, ObjectClass.Cycle), false },
        { "a person in front of a bus", Vehicle(VehicleKind.Bus, new Box(400, 20, 500, 100), 0.8f), Person(420, 40, 440, 95), false },
    };

    [Theory]
    [MemberData(nameof(DuplicateCases))]
    public void A_second_box_on_the_same_vehicle_or_two_wheeler_goes_whatever_its_sub_class(string situation, DetectedObject higher, DetectedObject lower, bool duplicate)
    {
        var objects = new List<DetectedObject> { higher, lower };

        new ObjectRefiner().Refine(objects);

        Assert.True(ObjectRefiner.IsDuplicate(higher, lower) == duplicate, situation);
        Assert.True(objects.Count == (duplicate ? 1 : 2), situation);
        Assert.Equal(higher, objects[0]);
    }

    /// <summary>
    /// Two-wheeler boxes on one object (boxes from YOLOX-Nano 416 on the junction clip, rounded), the first
    /// higher-scored: what stays. A bicycle box makes the object a bicycle whichever scored higher; the box and score
    /// kept are the higher-scored box's.
    /// </summary>
    public static TheoryData<string, DetectedObject, DetectedObject, DetectedObject> TwoWheelerCases => new()
    {
        {
            "a motorcycle box first, then a bicycle box on the same cyclist (frame 34): a bicycle",
            Vehicle(VehicleKind.Motorcycle, new Box(219, 166, 294, 289), 0.55f), new(new Box(238, 183, 292, 294), 0.47f, ObjectClass.Cycle),
            new(new Box(219, 166, 294, 289), 0.55f, ObjectClass.Cycle)
        },
        {
            "a bicycle box first, then a motorcycle box (frame 46): the bicycle",
            new(new Box(318, 260, 405, 368), 0.61f, ObjectClass.Cycle), Vehicle(VehicleKind.Motorcycle, new Box(315, 269, 405, 368), 0.39f),
            new(new Box(318, 260, 405, 368), 0.61f, ObjectClass.Cycle)
        },
        {
            "two motorcycle sub-boxes (the body, then the front wheel): the motorcycle",
            Vehicle(VehicleKind.Motorcycle, new Box(219, 166, 294, 289), 0.55f), Vehicle(VehicleKind.Motorcycle, new Box(240, 240, 280, 289), 0.3f),
            Vehicle(VehicleKind.Motorcycle, new Box(219, 166, 294, 289), 0.55f)
        },
    };

    [Theory]
    [MemberData(nameof(TwoWheelerCases))]
    public void A_bicycle_box_on_a_two_wheeler_makes_it_a_bicycle_whichever_box_scored_higher(string situation, DetectedObject higher, DetectedObject lower, DetectedObject kept)
    {
        var objects = new List<DetectedObject> { higher, lower };

        new ObjectRefiner().Refine(objects);

        Assert.True(objects.Count == 1 && objects[0] == kept, $"{situation}: got {string.Join(", ", objects)}");
    }

    [Fact]
    public void A_low_box_spanning_parked_cars_does_not_swallow_them()
    {
        // A union would have grown the first car to the spanning box, which would then have taken the second car too.
        var first = Vehicle(VehicleKind.Car, new Box(300, 50, 340, 80), 0.8f);
        var second = Vehicle(VehicleKind.Car, new Box(350, 50, 390, 80), 0.7f);
        var objects = new List<DetectedObject> { first, second, Vehicle(VehicleKind.Bus, new Box(295, 45, 345, 82), 0.3f), Vehicle(VehicleKind.Bus, new Box(290, 40, 400, 85), 0.2f) };

        new ObjectRefiner().Refine(objects);

        Assert.Equal([first, second], objects);
    }

    [Fact]
    public void A_cyclist_seen_as_a_bicycle_a_motorcycle_and_a_person_is_one_cycle()
    {
        // PP-PicoDet 416 on the junction clip, frame 40: the rider, a bicycle box and a motorcycle box on one cyclist.
        var objects = new List<DetectedObject>
        {
            Person(282, 202, 336, 321, 0.53f),
            new(new Box(286, 245, 333, 326), 0.37f, ObjectClass.Cycle),
            Vehicle(VehicleKind.Motorcycle, new Box(283, 207, 336, 314), 0.36f),
        };

        new ObjectRefiner().Refine(objects);

        var cycle = Assert.Single(objects);
        Assert.Equal((ObjectClass.Cycle, new Box(282, 202, 336, 326), 0.53f), (cycle.Class, cycle.Box, cycle.Score));
    }

    [Fact]
    public void Pedestrians_close_together_are_never_merged()
    {
        var objects = new List<DetectedObject> { Person(100, 100, 120, 160), Person(105, 102, 125, 162), Person(300, 100, 320, 160) };

        new ObjectRefiner().Refine(objects);

        Assert.Equal(3, objects.Count);
    }
}

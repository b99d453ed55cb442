using Analytics.Core.Counting;
using Analytics.Core.Objects;

namespace Analytics.Runs.Validation;

/// <summary>
/// The classes a truth file may name, as the product counts them. A vehicle without a type
/// (<see cref="VehicleKind.None"/>) stands for all vehicles together: the comparison then adds up the tool's
/// vehicle types.
/// </summary>
public static class TruthClasses
{
    /// <summary>The names accepted for a class (as in counts.csv, plus the COCO and MOT names).</summary>
    public static readonly IReadOnlyList<string> Names = ["pedestrian", "cycle", "vehicle", "car", "motorcycle", "bus", "truck"];

    /// <summary>Reads a class name (case-insensitive): pedestrian (person), cycle (bicycle, cyclist), vehicle, car, motorcycle (motorbike), bus, truck.</summary>
    public static bool TryParse(string name, out ClassKey key)
    {
        ArgumentNullException.ThrowIfNull(name);
        ClassKey? found = name.Trim().ToLowerInvariant() switch
        {
            "pedestrian" or "person" => new ClassKey(ObjectClass.Pedestrian, VehicleKind.None),
            "cycle" or "bicycle" or "cyclist" => new ClassKey(ObjectClass.Cycle, VehicleKind.None),
            "vehicle" => new ClassKey(ObjectClass.Vehicle, VehicleKind.None),
            "car" => new ClassKey(ObjectClass.Vehicle, VehicleKind.Car),
            "motorcycle" or "motorbike" => new ClassKey(ObjectClass.Vehicle, VehicleKind.Motorcycle),
            "bus" => new ClassKey(ObjectClass.Vehicle, VehicleKind.Bus),
            "truck" => new ClassKey(ObjectClass.Vehicle, VehicleKind.Truck),
            _ => null,
        };
        key = found ?? default;
        return found is not null;
    }

    /// <summary>
    /// A MOTChallenge class number (MOT16/17 ground truth): 1 pedestrian, 3 car, 4 bicycle, 5 motorbike, 7 static
    /// person are counted; 2 (person on a vehicle: the rider belongs to the vehicle's count), 6 (other non-motorised
    /// vehicle) and 8 to 12 (distractors, occluders, reflections) are not. Null for those.
    /// </summary>
    public static ClassKey? OfMotNumber(int number) => number switch
    {
        1 or 7 => new ClassKey(ObjectClass.Pedestrian, VehicleKind.None),
        3 => new ClassKey(ObjectClass.Vehicle, VehicleKind.Car),
        4 => new ClassKey(ObjectClass.Cycle, VehicleKind.None),
        5 => new ClassKey(ObjectClass.Vehicle, VehicleKind.Motorcycle),
        _ => null,
    };

    /// <summary>The class column of counts.csv.</summary>
    public static string ClassName(ClassKey key) => ObjectClassNames.Of(key.Class);

    /// <summary>The vehicle_type column of counts.csv (empty for all vehicles together).</summary>
    public static string VehicleType(ClassKey key) => ObjectClassNames.Of(key.Kind);
}

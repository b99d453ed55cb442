using Analytics.Core.Objects;

namespace Analytics.Core.Counting;

/// <summary>The class an object is counted under: its class and, for vehicles, the sub-class.</summary>
public readonly record struct ClassKey(ObjectClass Class, VehicleKind Kind)
{
    /// <summary>Every class key, in output order: pedestrian, cycle, then each vehicle sub-class.</summary>
    public static readonly IReadOnlyList<ClassKey> All =
    [
        new(ObjectClass.Pedestrian, VehicleKind.None),
        new(ObjectClass.Cycle, VehicleKind.None),
        new(ObjectClass.Vehicle, VehicleKind.Car),
        new(ObjectClass.Vehicle, VehicleKind.Motorcycle),
        new(ObjectClass.Vehicle, VehicleKind.Bus),
        new(ObjectClass.Vehicle, VehicleKind.Truck),
    ];
}

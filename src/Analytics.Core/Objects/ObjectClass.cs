namespace Analytics.Core.Objects;

/// <summary>What the product counts. Nothing else is ever detected, kept or reported.</summary>
public enum ObjectClass : byte
{
    /// <summary>A person on foot (a COCO person that is not riding a cycle or motorcycle).</summary>
    Pedestrian,

    /// <summary>A bicycle together with its rider, as one object.</summary>
    Cycle,

    /// <summary>A car, motorcycle (with its rider), bus or truck; the sub-class is <see cref="VehicleKind"/>.</summary>
    Vehicle,
}

/// <summary>Sub-class of a <see cref="ObjectClass.Vehicle"/>; <see cref="None"/> for pedestrians and cycles.</summary>
public enum VehicleKind : byte
{
    None,
    Car,
    Motorcycle,
    Bus,
    Truck,
}

/// <summary>Names as written in outputs (CSV, Parquet): lower case, stable, part of the contract.</summary>
public static class ObjectClassNames
{
    public static string Of(ObjectClass objectClass) => objectClass switch
    {
        ObjectClass.Pedestrian => "pedestrian",
        ObjectClass.Cycle => "cycle",
        ObjectClass.Vehicle => "vehicle",
        _ => throw new ArgumentOutOfRangeException(nameof(objectClass), objectClass, null),
    };

    public static string Of(VehicleKind kind) => kind switch
    {
        VehicleKind.None => "",
        VehicleKind.Car => "car",
        VehicleKind.Motorcycle => "motorcycle",
        VehicleKind.Bus => "bus",
        VehicleKind.Truck => "truck",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

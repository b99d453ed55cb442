namespace Analytics.Core.Objects;

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

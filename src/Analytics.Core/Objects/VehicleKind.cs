namespace Analytics.Core.Objects;

/// <summary>Sub-class of a <see cref="ObjectClass.Vehicle"/>; <see cref="None"/> for pedestrians and cycles.</summary>
public enum VehicleKind : byte
{
    None,
    Car,
    Motorcycle,
    Bus,
    Truck,
}

using Analytics.Core.Objects;

namespace Analytics.Vision.Detection;

/// <summary>
/// From COCO class names to what the product counts: person → pedestrian; bicycle → cycle; car, motorcycle, bus,
/// truck → vehicle with its sub-class. Every other class has no entry and is dropped at the source.
/// </summary>
public static class CocoTaxonomy
{
    public static bool TryMap(string cocoName, out ObjectClass objectClass, out VehicleKind kind)
    {
        (objectClass, kind) = cocoName switch
        {
            "person" => (ObjectClass.Pedestrian, VehicleKind.None),
            "bicycle" => (ObjectClass.Cycle, VehicleKind.None),
            "car" => (ObjectClass.Vehicle, VehicleKind.Car),
            "motorcycle" => (ObjectClass.Vehicle, VehicleKind.Motorcycle),
            "bus" => (ObjectClass.Vehicle, VehicleKind.Bus),
            "truck" => (ObjectClass.Vehicle, VehicleKind.Truck),
            _ => ((ObjectClass)255, VehicleKind.None),
        };
        return (byte)objectClass != 255;
    }
}

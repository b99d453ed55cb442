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

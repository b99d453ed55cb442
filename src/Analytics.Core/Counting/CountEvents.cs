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

/// <summary>An object crossed a line (index into the camera's lines) at a time.</summary>
public readonly record struct LineCrossingEvent(int Line, CrossingDirection Direction, DateTimeOffset Time, ClassKey Class);

/// <summary>An object stood in a zone over [Start, End).</summary>
public readonly record struct ZonePresenceEvent(int Zone, DateTimeOffset Start, DateTimeOffset End, ClassKey Class);

/// <summary>An object entered a zone.</summary>
public readonly record struct ZoneEntryEvent(int Zone, DateTimeOffset Time, ClassKey Class);

/// <summary>An object crossed line <see cref="From"/> and later line <see cref="To"/>; timed at the second crossing.</summary>
public readonly record struct OriginDestinationEvent(int From, int To, DateTimeOffset Time, ClassKey Class);

/// <summary>
/// What one file contributed, as anonymous events already resolved to their final class: no track id, no box,
/// no position. Held in memory until aggregated into bins; never written as such.
/// </summary>
public sealed class FileStatistics(CameraLayout camera)
{
    public CameraLayout Camera { get; } = camera;

    /// <summary>Footage actually analysed, [start, end) intervals.</summary>
    public List<(DateTimeOffset Start, DateTimeOffset End)> Coverage { get; } = [];

    public List<LineCrossingEvent> Crossings { get; } = [];

    public List<ZonePresenceEvent> Presence { get; } = [];

    public List<ZoneEntryEvent> Entries { get; } = [];

    public List<OriginDestinationEvent> OriginDestination { get; } = [];
}

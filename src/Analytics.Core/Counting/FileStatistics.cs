namespace Analytics.Core.Counting;

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

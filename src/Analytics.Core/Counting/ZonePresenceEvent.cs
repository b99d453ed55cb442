namespace Analytics.Core.Counting;

/// <summary>An object stood in a zone over [Start, End).</summary>
public readonly record struct ZonePresenceEvent(int Zone, DateTimeOffset Start, DateTimeOffset End, ClassKey Class);

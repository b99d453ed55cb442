namespace Analytics.Core.Counting;

/// <summary>An object entered a zone.</summary>
public readonly record struct ZoneEntryEvent(int Zone, DateTimeOffset Time, ClassKey Class);

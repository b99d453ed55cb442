namespace Analytics.Core.Counting;

/// <summary>What is counted for one camera: its lines and zones, in decoded-frame pixels.</summary>
public sealed record CameraLayout(string CameraId, IReadOnlyList<CountingLine> Lines, IReadOnlyList<CountingZone> Zones);

using Analytics.Core.Aggregation;

namespace Analytics.Core.Counting;

/// <summary>What is counted for one camera: its lines and zones, and how its time is binned.</summary>
public sealed record CameraLayout(string CameraId, TimeBinning Binning, IReadOnlyList<CountingLine> Lines, IReadOnlyList<CountingZone> Zones);

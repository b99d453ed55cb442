using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Core.Geometry;

namespace Analytics.Runs.Jobs;

/// <summary>One camera of a job: its recordings, and what is counted on its image.</summary>
public sealed record CameraJob(
    string Id,
    string JsonPath,
    TimeZoneInfo TimeZone,
    IReadOnlyList<JobInput> Inputs,
    IReadOnlyList<CountingLine> Lines,
    IReadOnlyList<CountingZone> Zones,
    IReadOnlyList<Polygon> PrivacyMasks)
{
    public CameraLayout Layout(int binMinutes) => new(Id, new TimeBinning(binMinutes, TimeZone), Lines, Zones);
}

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
    /// <summary>What is counted on this camera's image.</summary>
    public CameraLayout Layout() => new(Id, Lines, Zones);

    /// <summary>What is counted, with how its time is binned (the camera's wall clock, bins of <paramref name="binMinutes"/>).</summary>
    public BinnedCamera Binned(int binMinutes) => new(Layout(), new TimeBinning(binMinutes, TimeZone));
}

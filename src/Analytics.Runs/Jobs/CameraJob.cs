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
    /// <summary>
    /// The model this camera's recordings are analysed with (an id or file of the allow-list), where the view needs
    /// another model than the run's (a camera looking straight down on cars); null: the run's model.
    /// </summary>
    public string? Model { get; init; }

    /// <summary>What is counted on this camera's image.</summary>
    public CameraLayout Layout() => new(Id, Lines, Zones);

    /// <summary>What is counted, with how its time is binned (the camera's wall clock, bins of <paramref name="binMinutes"/>).</summary>
    public BinnedCamera Binned(int binMinutes) => new(Layout(), new TimeBinning(binMinutes, TimeZone));
}

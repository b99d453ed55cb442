using Analytics.Core.Counting;

namespace Analytics.Core.Aggregation;

/// <summary>
/// A camera as aggregation sees it: what is counted on its image, and how its time is cut into bins. The binning
/// lives here rather than in <see cref="CameraLayout"/> because counting never needs it: events carry instants,
/// and only aggregation turns instants into the camera's local bins.
/// </summary>
public sealed record BinnedCamera(CameraLayout Layout, TimeBinning Binning)
{
    public string CameraId => Layout.CameraId;
}

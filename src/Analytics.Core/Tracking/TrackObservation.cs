using Analytics.Core.Geometry;
using Analytics.Core.Objects;

namespace Analytics.Core.Tracking;

/// <summary>
/// A track seen in the current frame: its id (unique within one file only), its filtered box in frame pixels, its
/// class so far, whether it is confirmed yet, and the detection it was matched with in this frame (default for a
/// position the <see cref="TrackRefiner"/> filled in between two sightings). Tentative tracks are reported so that
/// counting can follow an object from its first frame; whatever a track did counts only if it ends confirmed. Lives in
/// memory for counting; never written anywhere.
/// </summary>
public readonly record struct TrackObservation(int TrackId, Box Box, ObjectClass Class, VehicleKind Kind, bool IsConfirmed, DetectedObject Detection)
{
    /// <summary>Bottom-centre of the box: where the object touches the ground.</summary>
    public Point2 Anchor => Box.Anchor;
}

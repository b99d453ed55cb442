using Analytics.Core.Counting;
using Analytics.Core.Geometry;

namespace Analytics.Runs.Benchmarking;

/// <summary>
/// One camera of the bench archive: a sample clip (the busy footage), and what is counted on it, in the clip's own
/// pixels (scaled with the footage for the 720p and 1080p archives).
/// </summary>
public sealed record ArchiveScene(string Id, string Video, IReadOnlyList<CountingLine> Lines, IReadOnlyList<CountingZone> Zones, IReadOnlyList<Polygon> PrivacyMasks)
{
    /// <summary>
    /// Take the background from the clip's first seconds only (where the scene is empty) instead of the whole clip:
    /// where someone stands in the same place most of the time, the median keeps them.
    /// </summary>
    public double? BackgroundSeconds { get; init; }

    /// <summary>The scenes of the bench archive, over the installed sample videos in <paramref name="videosDirectory"/>.</summary>
    public static IReadOnlyList<ArchiveScene> Samples(string videosDirectory) =>
    [
        // The PETS plaza (480x360, 10 fps): the sample job's walkway line, crossroads zone and privacy mask.
        new("plaza", Path.Combine(videosDirectory, "pets09_s2l1_vtest_480x360.mp4"),
            [new CountingLine("walkway", new Point2(300, 60), new Point2(300, 260), "westbound", "eastbound")],
            [new CountingZone("crossroads", Polygon(180, 90, 420, 200))],
            [Polygon(200, 0, 360, 50)]),

        // The avenue (640x360, 24 fps): the accuracy suite's two screenlines, and the section of road between them.
        new("avenue", Path.Combine(videosDirectory, "opencv4nodejs_traffic.mp4"),
            [
                new CountingLine("screenline", new Point2(320, 0), new Point2(320, 360), "westbound", "eastbound"),
                new CountingLine("east-screenline", new Point2(480, 0), new Point2(480, 360), "westbound", "eastbound"),
            ],
            [new CountingZone("section", Polygon(320, 150, 480, 300))],
            []),

        // The Intel room (768x432, 10 fps): the accuracy suite's exit line, and the table where visitors stand.
        new("room", Path.Combine(videosDirectory, "intel_one-by-one-person-detection.mp4"),
            [new CountingLine("exit", new Point2(600, 432), new Point2(600, 250), "leaving", "arriving")],
            [new CountingZone("table", Polygon(300, 250, 560, 432))],
            []) { BackgroundSeconds = 2 }, // a visitor stands at the table most of the clip: the room is empty in its first 2 s
    ];

    private static Polygon Polygon(float left, float top, float right, float bottom) =>
        new([new Point2(left, top), new Point2(right, top), new Point2(right, bottom), new Point2(left, bottom)]);
}

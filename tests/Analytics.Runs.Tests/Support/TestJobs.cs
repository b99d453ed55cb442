using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Runs.Jobs;

namespace Analytics.Runs.Tests.Support;

/// <summary>Validated jobs built in memory, for tests of what comes after the job file (state, retention, the run report).</summary>
internal static class TestJobs
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>The exit line of the synthetic room: x = 80, from the bottom edge up, "leaving" left to right.</summary>
    public static CountingLine ExitLine(float x = 80) => new("exit", new Point2(x, 120), new Point2(x, 30), "leaving", "arriving");

    public static CountingZone TableZone(float right = 120) => new("table", new Polygon([new Point2(40, 40), new Point2(right, 40), new Point2(right, 120), new Point2(40, 120)]));

    /// <summary>Camera "room" over <paramref name="inputs"/> (paths and starts).</summary>
    public static CameraJob Room(IEnumerable<(string Path, DateTimeOffset Start)> inputs, CountingLine? line = null, CountingZone? zone = null, IReadOnlyList<Polygon>? masks = null) => new(
        "room",
        "cameras[0]",
        Paris,
        inputs.Select((input, i) => new JobInput("room", input.Path, input.Start, $"cameras[0].inputs[{i}]")).ToList(),
        [line ?? ExitLine()],
        zone is null ? [] : [zone],
        masks ?? []);

    /// <summary>A job with the accountability of the test jobs (<see cref="Analytics.Tests.Shared.JobFiles"/>) over <paramref name="cameras"/>.</summary>
    public static Job Job(string purpose = "Statistical count of visitors (test)", int binMinutes = 15, params CameraJob[] cameras) => new(
        "/jobs/test.json",
        new string('a', 64),
        purpose,
        "Public-interest task, GDPR art. 6(1)(e)",
        "Commune de Test-sur-Mer",
        "Test decision 2026-1",
        binMinutes,
        cameras);
}

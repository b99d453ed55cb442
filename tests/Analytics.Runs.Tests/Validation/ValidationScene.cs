using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Runs.Jobs;
using Analytics.Runs.Validation;

namespace Analytics.Runs.Tests.Validation;

/// <summary>
/// A small job for validation tests, built in memory: camera "gate" (Europe/Paris, 15-minute bins) recorded from
/// 08:14:50 on a 640x480 video, with a horizontal line "north" from (100, 200) to (380, 200) whose forward direction is
/// named southbound (downwards on the image).
/// </summary>
internal static class ValidationScene
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static readonly DateTimeOffset Start = new(2026, 11, 21, 8, 14, 50, TimeSpan.FromHours(1));

    public static readonly CountingLine North = new("north", new Point2(100, 200), new Point2(380, 200), "southbound", "northbound");

    public static Job Job(int cameras = 1, int inputs = 1, int binMinutes = 15)
    {
        var list = Enumerable.Range(0, cameras).Select(c =>
        {
            var id = c == 0 ? "gate" : $"gate-{c}";
            var files = Enumerable.Range(0, inputs).Select(i => new JobInput(id, $"/archive/{id}/{i}.mp4", Start + TimeSpan.FromHours(i), $"cameras[{c}].inputs[{i}]")).ToList();
            return new CameraJob(id, $"cameras[{c}]", Paris, files, [North], [], []);
        }).ToList();
        return new Job("/jobs/gate.job.json", "0", "Test purpose", "Test basis", "Test controller", "Test decision", binMinutes, list);
    }

    /// <summary>A frame clock at 10 fps from <see cref="Start"/>, 640x480.</summary>
    public static FrameClock Clock(int frames = 400) =>
        FrameClock.Of(Enumerable.Range(0, frames).Select(i => Start + TimeSpan.FromMilliseconds(100 * i)), 640, 480, Start + TimeSpan.FromMilliseconds(100 * frames));

    public static TimeBin Bin(int hour, int minute) =>
        new(new DateTimeOffset(2026, 11, 21, hour, minute, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 11, 21, hour, minute, 0, TimeSpan.FromHours(1)).AddMinutes(15));

    public static CountKey Key(string direction, string objectClass = "pedestrian", string vehicleType = "") => new("gate", "north", direction, objectClass, vehicleType);
}

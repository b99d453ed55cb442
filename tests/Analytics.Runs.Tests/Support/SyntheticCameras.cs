using System.Globalization;

namespace Analytics.Runs.Tests.Support;

/// <summary>Camera blocks of job files over the 160x120 synthetic clips.</summary>
internal static class SyntheticCameras
{
    /// <summary>Recording start of the first clip of most tests (an ordinary weekday morning, Paris time).</summary>
    public static readonly DateTimeOffset Morning = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(1));

    /// <summary>
    /// Camera "room": the <see cref="WalkingScene"/> walkers cross a vertical exit line at x = <paramref name="lineX"/>
    /// left to right ("leaving"); optionally a zone around the middle of the frame.
    /// </summary>
    public static string Room(string inputs, int lineX = 80, bool withZone = false) => $$"""
        [{ "id": "room", "timeZone": "Europe/Paris",
           "inputs": [{{inputs}}],
           "lines": [{ "id": "exit", "from": [{{lineX}}, 120], "to": [{{lineX}}, 30], "forward": "leaving", "backward": "arriving" }]
           {{(withZone ? """, "zones": [{ "id": "table", "polygon": [[40, 40], [120, 40], [120, 120], [40, 120]] }]""" : "")}} }]
        """;

    /// <summary>Camera "room" over the given files and their recording starts.</summary>
    public static string Room(IEnumerable<(string Path, DateTimeOffset Start)> inputs, int lineX = 80, bool withZone = false) =>
        Room(string.Join(", ", inputs.Select(i => $$"""{ "path": "{{i.Path}}", "start": "{{Iso(i.Start)}}" }""")), lineX, withZone);

    /// <summary>Camera "room" over the files a glob matches, started at the time their names give (yyyy-MM-dd_HHmm).</summary>
    public static string RoomGlob(string glob, int lineX = 80) => Room($$"""{ "glob": "{{glob}}", "startFromName": "yyyy-MM-dd_HHmm" }""", lineX);

    public static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}

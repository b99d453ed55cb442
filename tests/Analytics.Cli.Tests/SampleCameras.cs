using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests;

/// <summary>Camera blocks of job files over the sample videos, shared by the command-line tests.</summary>
internal static class SampleCameras
{
    /// <summary>
    /// The Intel one-by-one clip (768x432): six visitors come one at a time to a table and leave to the right,
    /// across a vertical exit line at x = 600; optionally with a zone around the table.
    /// </summary>
    public static string OneByOne(bool withTableZone = false) => $$"""
        [{
          "id": "room", "timeZone": "Europe/Paris",
          "inputs": [{ "path": "{{RepositoryPaths.SampleVideo("intel_one-by-one-person-detection.mp4")}}", "start": "2026-11-20T10:00:00+01:00" }],
          "lines": [{ "id": "exit", "from": [600, 432], "to": [600, 250], "forward": "leaving", "backward": "arriving" }]
          {{(withTableZone ? """, "zones": [{ "id": "table", "polygon": [[250, 250], [560, 250], [560, 432], [250, 432]] }]""" : "")}}
        }]
        """;

    /// <summary>
    /// Camera "room" over 160x120 synthetic clips (<see cref="SyntheticVideo"/>) and their recording starts, with an exit
    /// line down the middle: for runs whose point is not what the model finds (exit codes, files that cannot be read or
    /// written), which the real model then analyses in a moment.
    /// </summary>
    public static string Synthetic(params (string Path, DateTimeOffset Start)[] inputs) => $$"""
        [{
          "id": "room", "timeZone": "Europe/Paris",
          "inputs": [{{string.Join(", ", inputs.Select(i => $$"""{ "path": "{{i.Path}}", "start": "{{i.Start.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)}}" }"""))}}],
          "lines": [{ "id": "exit", "from": [80, 120], "to": [80, 30], "forward": "leaving", "backward": "arriving" }]
        }]
        """;
}

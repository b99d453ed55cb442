using Analytics.Runs.Jobs;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.Jobs;

public sealed class JobLoaderTests : IDisposable
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private readonly string _directory = Directory.CreateTempSubdirectory("analytics-jobs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Touch(string relative)
    {
        var path = Path.Combine(_directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1, 2, 3]);
        return path;
    }

    [Fact]
    public void Globs_match_names_in_a_folder_and_at_any_depth_in_ordinal_order()
    {
        var b = Touch("archive/cam-01/2026-11-21_0815.mp4");
        var a = Touch("archive/cam-01/2026-11-21_0800.mp4");
        Touch("archive/cam-01/notes.txt");
        var deep = Touch("archive/cam-01/extra/2026-11-22_0800.mp4");

        Assert.Equal([a, b], InputGlob.Match(_directory, "archive/cam-01/*.mp4"));
        Assert.Equal([a, b, deep], InputGlob.Match(_directory, "archive/**/*.mp4"));
        Assert.Equal([a], InputGlob.Match(_directory, "archive/cam-01/2026-11-21_08?0.mp4"));
        Assert.Empty(InputGlob.Match(_directory, "elsewhere/*.mp4"));
    }

    public static TheoryData<string, string, string?> Names => new()
    {
        { "2026-11-21_0800", "yyyy-MM-dd_HHmm", "2026-11-21T08:00:00+01:00" },
        { "cam01_2026-07-14_2230", "'cam01_'yyyy-MM-dd_HHmm", "2026-07-14T22:30:00+02:00" },
        { "2026-10-25_0230", "yyyy-MM-dd_HHmm", "2026-10-25T02:30:00+02:00" },   // shown twice that night: the first passage
        { "2026-03-29_0230", "yyyy-MM-dd_HHmm", null },                          // never shown that night: refused
        { "20261121T080000+0000", "yyyyMMdd'T'HHmmsszzz", "2026-11-21T08:00:00+00:00" },
        { "IMG_1234", "yyyy-MM-dd_HHmm", null },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Start_times_are_read_from_file_names_in_the_camera_s_time_zone(string stem, string format, string? expected)
    {
        var parsed = RecordingStart.TryParseFromName(stem, format, Paris, out var start);

        Assert.Equal(expected is not null, parsed);
        if (expected is not null)
        {
            Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), start);
            Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, start.Offset);
        }
    }

    [Fact]
    public void A_valid_job_resolves_its_inputs_relative_to_its_own_folder_under_normalised_paths()
    {
        var first = Touch("archive/2026-11-21_0800.mp4");
        var second = Touch("archive/2026-11-21_0815.mp4");
        var explicitFile = Touch("other/recording.mp4");
        var path = JobFiles.Write(_directory, """
            [{
              "id": "cam-01", "timeZone": "Europe/Paris",
              "inputs": [
                { "glob": "archive/*.mp4", "startFromName": "yyyy-MM-dd_HHmm" },
                { "path": "archive/../other/./recording.mp4", "start": "2026-11-21T09:00:00Z" }  // comments are allowed
              ],
              "lines": [{ "id": "north", "from": [0, 200], "to": [480, 200], "forward": "southbound", "backward": "northbound", "hysteresis": 5 }],
              "zones": [{ "id": "plaza", "polygon": [[100, 150], [400, 150], [400, 300]] }],
              "privacyMasks": [[[0, 0], [120, 0], [120, 60]]],
            }]
            """);

        Directory.CreateDirectory(Path.Combine(_directory, "jobs"));

        var job = JobLoader.Load(Path.Combine(_directory, "jobs", "..", Path.GetFileName(path)));

        // run.json, the audit log and the state name every file by its one normalised path (no '..' or '.' steps).
        var camera = Assert.Single(job.Cameras);
        Assert.Equal([first, second, explicitFile], camera.Inputs.Select(i => i.Path));
        Assert.Equal(Path.GetFullPath(path), job.SourcePath);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 15, 0, TimeSpan.FromHours(1)), camera.Inputs[1].Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), camera.Inputs[2].Start);
        Assert.Equal(("southbound", "northbound", 5f), (camera.Lines[0].ForwardName, camera.Lines[0].BackwardName, camera.Lines[0].Hysteresis));
        Assert.Single(camera.PrivacyMasks);
        Assert.Equal(15, job.BinMinutes);
        Assert.Equal("Test decision 2026-1", job.Accountability["decision_reference"]);
        Assert.Equal(64, job.Sha256.Length);
    }

    [Theory]
    [InlineData("picodet-s-416", null)]
    [InlineData("../models/picodet_s_416_coco.onnx", "models/picodet_s_416_coco.onnx")]
    public void A_camera_s_model_is_an_id_or_a_file_relative_to_the_job_s_own_folder(string named, string? file)
    {
        Touch("jobs/recording.mp4");
        var path = JobFiles.Write(Path.Combine(_directory, "jobs"), $$"""
            [{
              "id": "cam-01", "timeZone": "Europe/Paris", "model": "{{named}}",
              "inputs": [{ "path": "recording.mp4", "start": "2026-11-21T09:00:00Z" }],
              "lines": [{ "id": "north", "from": [0, 200], "to": [480, 200] }]
            }]
            """);

        var camera = Assert.Single(JobLoader.Load(path).Cameras);

        Assert.Equal(file is null ? named : Path.Combine(_directory, file), camera.Model);
    }

    [Fact]
    public void Unknown_fields_are_refused_with_their_path_so_typos_do_not_pass_silently()
    {
        var path = JobFiles.Write(_directory, """
            [{ "id": "cam", "timeZone": "Europe/Paris", "inputs": [], "lines": [{ "id": "a", "form": [0, 0], "to": [1, 1] }] }]
            """);

        var error = Assert.Throws<JobException>(() => JobLoader.Load(path));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("cameras[0].lines[0].form:", problem, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> SameRecordingTwice => new()
    {
        // the first camera's input, the second camera's input, where the second listing is reported
        { """{ "path": "2026-11-21_0800.mp4", "start": "2026-11-21T08:00:00+01:00" }""", """{ "path": "2026-11-21_0800.mp4", "start": "2026-11-21T08:00:00+01:00" }""", "cameras[1].inputs[0]" },
        { """{ "path": "2026-11-21_0800.mp4", "start": "2026-11-21T08:00:00+01:00" }""", """{ "path": "archive/.././2026-11-21_0800.mp4", "start": "2026-11-21T09:00:00+01:00" }""", "cameras[1].inputs[0]" },
        { """{ "path": "2026-11-21_0800.mp4", "start": "2026-11-21T08:00:00+01:00" }""", """{ "glob": "*.mp4", "startFromName": "yyyy-MM-dd_HHmm" }""", "cameras[1].inputs[0].glob[2026-11-21_0800.mp4]" },
    };

    [Theory]
    [MemberData(nameof(SameRecordingTwice))]
    public void The_same_recording_listed_in_two_cameras_is_refused_however_its_path_is_written(string first, string second, string reportedAt)
    {
        var recording = Touch("2026-11-21_0800.mp4");
        Directory.CreateDirectory(Path.Combine(_directory, "archive"));
        var path = JobFiles.Write(_directory, $$"""
            [
              { "id": "north", "timeZone": "Europe/Paris", "inputs": [{{first}}], "lines": [{ "id": "a", "from": [0, 0], "to": [1, 1] }] },
              { "id": "south", "timeZone": "Europe/Paris", "inputs": [{{second}}], "lines": [{ "id": "a", "from": [0, 0], "to": [1, 1] }] }
            ]
            """);

        var problems = Assert.Throws<JobException>(() => JobLoader.Load(path)).Problems;

        // One recording in two cameras would be counted in both: the job is refused (exit code 2), naming both listings.
        Assert.Equal([$"{reportedAt}: {recording} is listed twice (also at cameras[0].inputs[0])"], problems);
    }

    [Fact]
    public void Local_times_without_offset_and_duplicates_are_each_reported()
    {
        Touch("a.mp4");
        var path = JobFiles.Write(_directory, """
            [
              { "id": "cam", "timeZone": "Europe/Paris",
                "inputs": [{ "path": "a.mp4", "start": "2026-11-21T08:00:00" }, { "glob": "none/*.mp4", "startFromName": "yyyy" }],
                "lines": [{ "id": "a", "from": [0, 0], "to": [1, 1] }, { "id": "a", "from": [0, 0], "to": [2, 2] }] },
              { "id": "cam", "timeZone": "Europe/Paris", "inputs": [{ "path": "a.mp4", "start": "2026-11-21T08:00:00Z" }] }
            ]
            """);

        var problems = Assert.Throws<JobException>(() => JobLoader.Load(path)).Problems;

        Assert.Contains(problems, p => p.StartsWith("cameras[0].inputs[0].start: '2026-11-21T08:00:00' must be an ISO-8601 time with its UTC offset", StringComparison.Ordinal));
        Assert.Contains("cameras[0].lines: line id 'a' is used twice", problems);
        Assert.Contains("cameras[1]: nothing to count; give at least one line or zone", problems);
    }
}

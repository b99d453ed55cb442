using System.Text;
using System.Text.Json;
using Analytics.Tests.Shared;
using OpenCvSharp;

namespace Analytics.Cli.Tests.State;

/// <summary>
/// Bad recordings in a nightly archive: each is reported with its reason, none stops the others, and the next
/// night retries only those that changed.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BadInputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("analytics-bad-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Archive => Path.Combine(_directory, "archive");

    private string ArchiveFile(string name) => Path.Combine(Archive, name);

    /// <summary>
    /// Runs analyse as a child process. As root, permissions do not stop reads, so the run drops to the unprivileged
    /// user "nobody" (the folders it needs are opened to it): an unreadable file is then unreadable to the run.
    /// </summary>
    private async Task<(int ExitCode, string Output, Dictionary<string, (string Status, string? Error, bool ThisRun)> Inputs)> RunNightAsync(string job)
    {
        var wrapper = Environment.UserName == "root" ? new[] { "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups" } : null;
        var output = Path.Combine(_directory, "out");
        var (exitCode, log) = await CliProcess.RunAsync(
            ["analyse", "--job", job, "--out", output, "--state", Path.Combine(_directory, "state"), "--analysis-fps", "3", "--workers", "1"], wrapper);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run.json")));
        var inputs = report.RootElement.GetProperty("inputs").EnumerateArray().ToDictionary(
            i => Path.GetFileName(i.GetProperty("path").GetString()!),
            i => (i.GetProperty("status").GetString()!, i.GetProperty("error").GetString(), i.GetProperty("analysed_in_this_run").GetBoolean()));
        return (exitCode, log, inputs);
    }

    /// <summary>A real AVI (Motion JPEG) whose codec tags are rewritten to a codec no decoder knows.</summary>
    private static void WriteUnknownCodec(string path)
    {
        var avi = Path.ChangeExtension(path, ".tmp.avi");
        using (var writer = new VideoWriter(avi, FourCC.MJPG, 5, new Size(768, 432)))
        using (var frame = new Mat(432, 768, MatType.CV_8UC3, Scalar.Gray))
        {
            for (var i = 0; i < 10; i++)
            {
                writer.Write(frame);
            }
        }

        var bytes = File.ReadAllBytes(avi);
        var text = Encoding.Latin1.GetString(bytes).Replace("MJPG", "QZX9", StringComparison.Ordinal);
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(text));
        File.Delete(avi);
    }

    [Fact]
    public async Task Each_bad_input_is_reported_with_its_reason_never_stops_the_others_and_is_retried_only_once_changed()
    {
        Directory.CreateDirectory(Archive);
        foreach (var folder in new[] { _directory, Archive })
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        }

        var car = RepositoryPaths.SampleVideo("intel_car-detection.mp4");
        var people = File.ReadAllBytes(RepositoryPaths.SampleVideo("intel_one-by-one-person-detection.mp4"));
        File.Copy(car, ArchiveFile("2026-11-20_1000.mp4"));                                   // good
        File.WriteAllBytes(ArchiveFile("2026-11-20_1001.mp4"), people[..(people.Length / 3)]); // truncated
        // Deleted once the run has started; another recording than 10:00 (a copy of the same content would be a duplicate).
        File.Copy(RepositoryPaths.SampleVideo("opencv4nodejs_traffic.mp4"), ArchiveFile("2026-11-20_1002.mp4"));
        File.WriteAllBytes(ArchiveFile("2026-11-20_1003.mp4"), []);                            // zero bytes
        File.WriteAllBytes(ArchiveFile("2026-11-20_1004.mp4"), Enumerable.Range(0, 40_000).Select(i => (byte)(i * 37)).ToArray());
        WriteUnknownCodec(ArchiveFile("2026-11-20_1005.avi"));                                 // unsupported codec
        // Unreadable. Another recording than the others: the same footage with a trailing 'free' box (ignored by
        // every MP4 reader), so that its content differs from the whole one-by-one clip given to 10:01 later.
        File.WriteAllBytes(ArchiveFile("2026-11-20_1006.mp4"), [.. people, 0, 0, 0, 16, (byte)'f', (byte)'r', (byte)'e', (byte)'e', 0, 0, 0, 0, 0, 0, 0, 0]);
        File.SetUnixFileMode(ArchiveFile("2026-11-20_1006.mp4"), UnixFileMode.None);
        var job = CliRunner.WriteJob(_directory, """
            [{ "id": "street", "timeZone": "Europe/Paris",
               "inputs": [{ "glob": "archive/*.*", "startFromName": "yyyy-MM-dd_HHmm" }],
               "lines": [{ "id": "kerb", "from": [0, 300], "to": [768, 300] }] }]
            """);

        // The file at 10:02 disappears mid-run: listed when the job was read, gone when its turn comes.
        var night = RunNightAsync(job);
        var state = Path.Combine(_directory, "state", "analyses");
        for (var waited = 0; !(Directory.Exists(state) && Directory.EnumerateFiles(state, "*-*.msgpack", SearchOption.AllDirectories).Any()); waited++)
        {
            Assert.True(waited < 12_000, "the good recording was recorded in the state");
            await Task.Delay(10);
        }

        File.Delete(ArchiveFile("2026-11-20_1002.mp4"));
        var (exitCode, log, inputs) = await night;

        Assert.Equal(ExitCodes.CompletedWithFailures, exitCode);
        Assert.Equal("ok", inputs["2026-11-20_1000.mp4"].Status);
        Assert.Contains("truncated or corrupt", inputs["2026-11-20_1001.mp4"].Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", inputs["2026-11-20_1002.mp4"].Error, StringComparison.Ordinal);
        Assert.Contains("is empty", inputs["2026-11-20_1003.mp4"].Error, StringComparison.Ordinal);
        Assert.Contains("cannot be opened as a video", inputs["2026-11-20_1004.mp4"].Error, StringComparison.Ordinal);
        Assert.Contains("cannot be opened as a video", inputs["2026-11-20_1005.avi"].Error, StringComparison.Ordinal);
        Assert.Contains("denied", inputs["2026-11-20_1006.mp4"].Error, StringComparison.OrdinalIgnoreCase);
        Assert.All(inputs.Where(i => i.Key != "2026-11-20_1000.mp4"), i => Assert.NotEqual("ok", i.Value.Status));
        var counts = File.ReadAllText(Path.Combine(_directory, "out", "counts.csv"));

        // The next night: nothing changed, nothing is retried, and the failures are still listed (not failed on again).
        (exitCode, log, inputs) = await RunNightAsync(job);
        Assert.True(exitCode == ExitCodes.Success, log);
        Assert.All(inputs.Values, i => Assert.False(i.ThisRun));
        Assert.Equal(5, inputs.Values.Count(i => i.Error?.Contains("retried once the file changes", StringComparison.Ordinal) == true));
        Assert.Contains("not retried", log, StringComparison.Ordinal);
        Assert.Equal(counts, File.ReadAllText(Path.Combine(_directory, "out", "counts.csv")));

        // The truncated file is replaced by the whole recording, and the unreadable one is made readable: both are retried.
        File.WriteAllBytes(ArchiveFile("2026-11-20_1001.mp4"), people);
        File.SetUnixFileMode(ArchiveFile("2026-11-20_1006.mp4"), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        (exitCode, _, inputs) = await RunNightAsync(job);
        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(("ok", true), (inputs["2026-11-20_1001.mp4"].Status, inputs["2026-11-20_1001.mp4"].ThisRun));
        Assert.Equal(("ok", true), (inputs["2026-11-20_1006.mp4"].Status, inputs["2026-11-20_1006.mp4"].ThisRun));
        Assert.Equal(("ok", false), (inputs["2026-11-20_1000.mp4"].Status, inputs["2026-11-20_1000.mp4"].ThisRun));
        Assert.False(inputs["2026-11-20_1004.mp4"].ThisRun);
    }
}

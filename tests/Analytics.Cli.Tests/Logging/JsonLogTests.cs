using System.Text.Json;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Logging;

/// <summary>With <c>--log-format json</c> every line on standard error is one JSON object, even when the bundled decoder meets a broken file.</summary>
public sealed class JsonLogTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("analytics-json-log-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Native_decoder_messages_never_mix_with_the_json_lines()
    {
        var clip = await File.ReadAllBytesAsync(RepositoryPaths.SampleVideo("intel_car-detection.mp4"));
        _folder.Touch("archive/2026-11-20_1000.mp4", clip[..4096]);            // the header only: FFmpeg says "moov atom not found"
        _folder.Touch("archive/2026-11-20_1001.mp4", clip[..(clip.Length / 2)]); // cut half-way
        var job = JobFiles.Write(_folder.Path, """
            [{ "id": "street", "timeZone": "Europe/Paris",
               "inputs": [{ "glob": "archive/*.mp4", "startFromName": "yyyy-MM-dd_HHmm" }],
               "lines": [{ "id": "kerb", "from": [0, 300], "to": [768, 300] }] }]
            """);

        using var process = CliProcess.Start(["analyse", "--job", job, "--out", _folder["out"], "--analysis-fps", "1"]);
        var (exitCode, _, standardError) = await process.WaitApartAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(ExitCodes.CompletedWithFailures, exitCode);
        var lines = standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
    }
}

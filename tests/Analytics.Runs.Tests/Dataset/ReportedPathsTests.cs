using System.Text.Json;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.Dataset;

/// <summary>
/// run.json and the audit log name every file by its one normalised path, however the job file and its inputs were
/// written: <c>jobs/../job.json</c> and <c>archive/../clips/./x.mp4</c> are the job file and the recording, without the
/// steps, so that a reader (or a script comparing runs) never sees one file under two names.
/// </summary>
public sealed class ReportedPathsTests : IDisposable
{
    private readonly RunHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Run_json_and_the_audit_log_list_the_job_and_its_inputs_under_normalised_paths()
    {
        var explicitClip = SyntheticVideo.Write(_harness.Folder["clips/2026-11-20_1000.mp4"], seconds: 2, shade: 1);
        var globbedClip = SyntheticVideo.Write(_harness.Folder["globbed/2026-11-20_1005.mp4"], seconds: 2, shade: 2);
        Directory.CreateDirectory(_harness.Folder["archive"]);
        Directory.CreateDirectory(_harness.Folder["jobs"]);
        var job = JobFiles.Write(_harness.Folder.Path, SyntheticCameras.Room($$"""
            { "path": "archive/../clips/./2026-11-20_1000.mp4", "start": "{{SyntheticCameras.Iso(SyntheticCameras.Morning)}}" },
            { "glob": "./archive/../globbed/*.mp4", "startFromName": "yyyy-MM-dd_HHmm" }
            """));

        var run = await _harness.RunAsync(_harness.Request(Path.Combine(_harness.Folder.Path, "jobs", "..", "job.json")));

        Assert.True(run.Outcome == RunOutcome.Succeeded, run.LogText);
        using var report = JsonDocument.Parse(File.ReadAllText(_harness.Folder["out/run.json"]));
        Assert.Equal(job, report.RootElement.GetProperty("job").GetProperty("path").GetString());
        Assert.Equal([explicitClip, globbedClip], report.RootElement.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("path").GetString()));

        var entries = File.ReadAllLines(_harness.AuditLog).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("entry").Clone()).ToList();
        Assert.Equal(job, entries[0].GetProperty("job").GetString());
        Assert.Equal([explicitClip, globbedClip], entries[0].GetProperty("inputs").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal([explicitClip, globbedClip], entries[1].GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("path").GetString()));
    }
}

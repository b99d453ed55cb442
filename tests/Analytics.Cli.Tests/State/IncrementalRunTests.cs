using System.Text.Json;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.State;

/// <summary>
/// The nightly job over a growing archive: each run analyses only what is new, and the dataset it writes equals
/// the dataset of one run over everything analysed so far, without duplicates and without losing what left the disk.
/// </summary>
public sealed class IncrementalRunTests : IDisposable
{
    private static readonly string[] Datasets = ["counts.csv", "occupancy.csv", "od.csv", "coverage.csv"];

    private readonly string _directory = Directory.CreateTempSubdirectory("analytics-nightly-").FullName;

    public IncrementalRunTests()
    {
        Directory.CreateDirectory(Archive);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Archive => Path.Combine(_directory, "archive");

    private string State => Path.Combine(_directory, "state");

    /// <summary>A camera over the 768x432 Intel clips, named by their start time.</summary>
    private string Job(int lineX = 600, string purpose = "Statistical count of visitors (test)")
    {
        var path = CliRunner.WriteJob(_directory, $$"""
            [{ "id": "room", "timeZone": "Europe/Paris",
               "inputs": [{ "glob": "archive/*.mp4", "startFromName": "yyyy-MM-dd_HHmm" }],
               "lines": [{ "id": "exit", "from": [{{lineX}}, 432], "to": [{{lineX}}, 250], "forward": "leaving", "backward": "arriving" }] }]
            """, name: $"job-{lineX}-{purpose.Length}.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("Statistical count of visitors (test)", purpose, StringComparison.Ordinal));
        return path;
    }

    private void Record(string sample, string name) => File.Copy(RepositoryPaths.SampleVideo(sample), Path.Combine(Archive, name), overwrite: true);

    private Task<(int ExitCode, string Output)> Analyse(string job, string output, params string[] more) =>
        CliRunner.RunAsync(["analyse", "--job", job, "--out", Path.Combine(_directory, output), "--analysis-fps", "3", "--progress", "off", .. more]);

    private Dictionary<string, string> Read(string output) => Datasets.ToDictionary(d => d, d => File.ReadAllText(Path.Combine(_directory, output, d)));

    private static List<(string Path, bool ThisRun)> Inputs(string runJson)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(runJson));
        return report.RootElement.GetProperty("inputs").EnumerateArray()
            .Select(i => (Path.GetFileName(i.GetProperty("path").GetString()!), i.GetProperty("analysed_in_this_run").GetBoolean())).ToList();
    }

    [Fact]
    public async Task Each_night_analyses_only_the_new_recordings_and_the_dataset_equals_one_run_over_all_of_them()
    {
        var job = Job();
        Record("intel_car-detection.mp4", "2026-11-20_1000.mp4");
        Assert.Equal(0, (await Analyse(job, "nightly", "--state", State)).ExitCode);
        Assert.Equal([("2026-11-20_1000.mp4", true)], Inputs(Path.Combine(_directory, "nightly", "run.json")));

        // The next night: a new recording. Only it is analysed; the earlier one is taken from the state.
        Record("intel_one-by-one-person-detection.mp4", "2026-11-20_1005.mp4");
        var (exitCode, log) = await Analyse(job, "nightly", "--state", State);
        Assert.Equal(0, exitCode);
        Assert.Equal([("2026-11-20_1000.mp4", false), ("2026-11-20_1005.mp4", true)], Inputs(Path.Combine(_directory, "nightly", "run.json")));
        Assert.DoesNotContain("2026-11-20_1000.mp4: ", log.Replace("2026-11-20_1000.mp4: 1", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // The same dataset as one run, without state, over both recordings.
        Assert.Equal(0, (await Analyse(job, "all-at-once")).ExitCode);
        Assert.Equal(Read("all-at-once"), Read("nightly"));
        Assert.Contains(Read("nightly")["counts.csv"].Split('\n'), row => row.Split(',') is [_, _, "leaving", "pedestrian", _, _, _, var count, _] && count != "0");

        // A night with nothing new analyses nothing and changes nothing.
        (exitCode, _) = await Analyse(job, "nightly", "--state", State);
        Assert.Equal(0, exitCode);
        Assert.All(Inputs(Path.Combine(_directory, "nightly", "run.json")), i => Assert.False(i.ThisRun));
        Assert.Equal(Read("all-at-once"), Read("nightly"));

        // The oldest recording is erased (retention) and another is renamed: nothing is dropped, nothing counted twice.
        File.Delete(Path.Combine(Archive, "2026-11-20_1000.mp4"));
        Record("intel_car-detection.mp4", "2026-11-20_1000.mp4.bak");
        (exitCode, _) = await Analyse(job, "nightly", "--state", State);
        Assert.Equal(0, exitCode);
        Assert.Equal(Read("all-at-once"), Read("nightly"));
    }

    [Fact]
    public async Task A_recording_whose_content_changed_is_analysed_again_and_replaces_its_earlier_statistics()
    {
        var job = Job();
        Record("intel_car-detection.mp4", "2026-11-20_1000.mp4");
        Assert.Equal(0, (await Analyse(job, "nightly", "--state", State)).ExitCode);

        Record("intel_one-by-one-person-detection.mp4", "2026-11-20_1000.mp4");
        File.SetLastWriteTimeUtc(Path.Combine(Archive, "2026-11-20_1000.mp4"), DateTime.UtcNow.AddMinutes(-5));
        var (exitCode, log) = await Analyse(job, "nightly", "--state", State);

        Assert.Equal(0, exitCode);
        Assert.Contains("changed since it was analysed", log, StringComparison.Ordinal);
        Assert.Equal([("2026-11-20_1000.mp4", true)], Inputs(Path.Combine(_directory, "nightly", "run.json")));
        Assert.Equal(0, (await Analyse(job, "fresh")).ExitCode);
        Assert.Equal(Read("fresh"), Read("nightly"));
    }

    [Fact]
    public async Task A_changed_line_is_reported_and_never_mixed_with_old_results_until_reanalysis_is_asked_for()
    {
        Record("intel_car-detection.mp4", "2026-11-20_1000.mp4");
        Assert.Equal(0, (await Analyse(Job(), "nightly", "--state", State)).ExitCode);
        var before = Read("nightly");

        var moved = Job(lineX: 500);
        var (exitCode, output) = await Analyse(moved, "nightly", "--state", State);

        Assert.Equal(ExitCodes.StateMismatch, exitCode);
        Assert.Contains("camera room: 1 input(s) in the state were analysed with other settings (lines [exit (600,432)-(600,250) leaving/arriving h3]", output, StringComparison.Ordinal);
        Assert.Contains("-> [exit (500,432)-(500,250) leaving/arriving h3]", output, StringComparison.Ordinal);
        Assert.Contains("Re-run with --reanalyse", output, StringComparison.Ordinal);
        Assert.Equal(before, Read("nightly"));

        // Other settings are part of the analysis too.
        (exitCode, output) = await Analyse(Job(), "nightly", "--state", State, "--threshold", "0.5");
        Assert.Equal(ExitCodes.StateMismatch, exitCode);
        Assert.Contains("threshold 0.35 -> 0.5", output, StringComparison.Ordinal);

        (exitCode, _) = await Analyse(moved, "nightly", "--state", State, "--reanalyse");
        Assert.Equal(0, exitCode);
        Assert.Equal(0, (await Analyse(moved, "fresh")).ExitCode);
        Assert.Equal(Read("fresh"), Read("nightly"));
        Assert.Single(Directory.EnumerateDirectories(Path.Combine(State, "retired")));

        // From then on the new line is the state's: no further --reanalyse needed.
        Assert.Equal(0, (await Analyse(moved, "nightly", "--state", State)).ExitCode);
    }

    [Fact]
    public async Task A_state_serves_the_purpose_it_was_built_for_only()
    {
        Record("intel_car-detection.mp4", "2026-11-20_1000.mp4");
        Assert.Equal(0, (await Analyse(Job(), "nightly", "--state", State)).ExitCode);

        var (exitCode, output) = await Analyse(Job(purpose: "Statistical count of cars (test)"), "other", "--state", State);

        Assert.Equal(ExitCodes.StateMismatch, exitCode);
        Assert.Contains("Data collected for one purpose is not reused for another", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "other", "run.json")));
    }
}

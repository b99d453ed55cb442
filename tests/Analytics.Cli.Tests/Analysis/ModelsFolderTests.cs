using System.Text.Json;
using Analytics.Core.Integrity;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Analysis;

/// <summary>
/// Which allow-list of models a run used is never silent: <c>--models-dir</c> outside the installation is logged as a
/// warning, and the manifest's path and SHA-256 are recorded in the audit log's <c>started</c> entry and in run.json,
/// so a run over a self-written manifest can be told from one over the installation's. On a two-second synthetic clip:
/// what matters is what the run records, not what it counts.
/// </summary>
public sealed class ModelsFolderTests : IDisposable
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(1));

    private const string Warning = "Using the model allow-list";

    private readonly TemporaryFolder _folder = new("analytics-models-folder-");

    public void Dispose() => _folder.Dispose();

    private string[] Analyse() =>
        ["analyse", "--job", CliRunner.WriteJob(_folder.Path, SampleCameras.Synthetic((SyntheticVideo.Write(_folder["clip.mp4"], seconds: 2), Morning))),
         "--out", _folder["out"], "--analysis-fps", "5"];

    /// <summary>The manifest the run's audit <c>started</c> entry and run.json name, and the SHA-256 each gives it.</summary>
    private (string? AuditPath, string? AuditSha256, string? ReportPath, string? ReportSha256) Recorded()
    {
        using var started = JsonDocument.Parse(File.ReadLines(_folder["out/audit.jsonl"]).First());
        var entry = started.RootElement.GetProperty("entry");
        Assert.Equal("started", entry.GetProperty("event").GetString());
        using var report = JsonDocument.Parse(File.ReadAllText(_folder["out/run.json"]));
        var model = report.RootElement.GetProperty("model");
        return (entry.GetProperty("model_manifest").GetString(), entry.GetProperty("model_manifest_sha256").GetString(),
            model.GetProperty("manifest").GetString(), model.GetProperty("manifest_sha256").GetString());
    }

    [Fact]
    public async Task A_models_folder_outside_the_installation_is_warned_about_and_its_manifest_recorded_in_the_audit_log_and_run_json()
    {
        // A copy of the installation's allow-list, edited (here, one comment more): another file, another SHA-256.
        var models = Directory.CreateDirectory(_folder["models"]).FullName;
        var manifest = Path.Combine(models, "models.json");
        File.WriteAllText(manifest, "// a copy kept beside the jobs\n" + File.ReadAllText(RepositoryPaths.ModelManifest));
        File.Copy(Path.Combine(RepositoryPaths.ModelsDirectory, "yolox_nano_416.onnx"), Path.Combine(models, "yolox_nano_416.onnx"));

        var (exitCode, output) = await CliRunner.RunAsync([.. Analyse(), "--models-dir", models]);

        Assert.True(exitCode == 0, output);
        var warning = Assert.Single(output.Split('\n'), l => l.Contains(Warning, StringComparison.Ordinal));
        Assert.Contains(manifest, warning, StringComparison.Ordinal);
        Assert.Contains("\"@l\":\"Warning\"", warning, StringComparison.Ordinal);
        var sha256 = FileHash.Sha256Hex(manifest);
        Assert.NotEqual(FileHash.Sha256Hex(RepositoryPaths.ModelManifest), sha256);
        Assert.Equal((manifest, sha256, manifest, sha256), Recorded());
    }

    [Fact]
    public async Task The_installations_own_models_folder_is_used_without_a_warning_and_recorded_all_the_same()
    {
        // As the ./analytics launcher runs it: ANALYTICS_HOME names the installation, whose models/ the run uses.
        var environment = new Dictionary<string, string> { ["ANALYTICS_HOME"] = RepositoryPaths.Root, ["ANALYTICS_MODELS"] = "" };

        var (exitCode, output) = await CliProcess.RunAsync(Analyse(), environment: environment);

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain(Warning, output, StringComparison.Ordinal);
        var sha256 = FileHash.Sha256Hex(RepositoryPaths.ModelManifest);
        Assert.Equal((RepositoryPaths.ModelManifest, sha256, RepositoryPaths.ModelManifest, sha256), Recorded());
    }
}

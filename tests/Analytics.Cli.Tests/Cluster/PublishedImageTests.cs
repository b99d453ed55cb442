using System.Diagnostics;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Cluster;

/// <summary>
/// What the Kubernetes sample's Containerfile relies on, where no image can be built (no container engine on the
/// development machine or in CI): the published CLI runs from a clean folder, with only the models copied beside it
/// and ANALYTICS_HOME pointing there, as an unprivileged user and, where this test may create one, in a network
/// namespace of its own with no network at all.
/// </summary>
public sealed class PublishedImageTests : IDisposable
{
    private static readonly string Containerfile = Path.Combine(RepositoryPaths.Root, "samples", "cluster", "kubernetes", "Containerfile");

    private readonly TemporaryFolder _folder = new("analytics-image-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_containerfile_publishes_the_cli_copies_the_models_and_runs_as_a_user_without_privileges()
    {
        var text = File.ReadAllText(Containerfile);

        Assert.Contains("dotnet publish src/Analytics.Cli/Analytics.Cli.csproj -c Release -o /app", text, StringComparison.Ordinal);
        Assert.Contains("COPY models/models.json models/*.onnx /opt/analytics/models/", text, StringComparison.Ordinal);
        Assert.Contains("ANALYTICS_HOME=/opt/analytics", text, StringComparison.Ordinal);
        Assert.Contains("USER 10001:10001", text, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"/opt/analytics/analytics.dll\"]", text, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task The_published_folder_analyses_a_shard_from_a_clean_folder_as_nobody_without_network()
    {
        // /opt/analytics of the image: the published CLI, and the models beside it.
        var app = _folder["opt/analytics"];
        var (published, log) = await RunAsync(["dotnet", "publish", Path.Combine(RepositoryPaths.Root, "src", "Analytics.Cli", "Analytics.Cli.csproj"), "-c", "Release", "--no-build", "-o", app], RepositoryPaths.Root);
        Assert.True(published == 0, log);
        Directory.CreateDirectory(Path.Combine(app, "models"));
        File.Copy(RepositoryPaths.ModelManifest, Path.Combine(app, "models", "models.json"));
        File.Copy(Path.Combine(RepositoryPaths.ModelsDirectory, "yolox_nano_416.onnx"), Path.Combine(app, "models", "yolox_nano_416.onnx"));

        // The archive (the cyclist clip and its job), the states and the outputs: world-writable, as volumes owned by the pod's group would be.
        var archive = _folder["archive"];
        Directory.CreateDirectory(archive);
        File.Copy(Path.Combine(RepositoryPaths.SampleVideos, "otanalytics_testvideo_cars-cyclist_800x600.mp4"), Path.Combine(archive, "cyclist.mp4"));
        File.WriteAllText(Path.Combine(archive, "job.json"), File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "accuracy", "cyclist.job.json"))
            .Replace("../videos/otanalytics_testvideo_cars-cyclist_800x600.mp4", "cyclist.mp4", StringComparison.Ordinal));
        var clean = _folder["clean"];
        Directory.CreateDirectory(clean);
        foreach (var folder in new[] { _folder.Path, archive, clean, _folder["opt"], app })
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        }

        var wrapper = new List<string>();
        if (Environment.UserName == "root")
        {
            wrapper.AddRange(["unshare", "--net", "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]);
        }

        var (code, output) = await RunAsync(
            [.. wrapper, "dotnet", Path.Combine(app, "analytics.dll"), "analyse", "--job", Path.Combine(archive, "job.json"), "--shard", "0/1", "--state", Path.Combine(clean, "state"),
                "--out", Path.Combine(clean, "out"), "--settle-seconds", "0", "--progress", "off"],
            clean,
            new Dictionary<string, string> { ["ANALYTICS_HOME"] = app, ["DOTNET_CLI_HOME"] = clean, ["HOME"] = clean });

        Assert.True(code == 0, output);
        Assert.True(File.Exists(Path.Combine(clean, "out", "counts.csv")), output);
        Assert.Contains("yolox-nano-416", File.ReadAllText(Path.Combine(clean, "out", "run.json")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(clean, "state", "shard.msgpack")));
    }

    private static async Task<(int Code, string Output)> RunAsync(IReadOnlyList<string> command, string directory, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(command[0]) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        command.Skip(1).ToList().ForEach(start.ArgumentList.Add);
        start.Environment.Remove("ANALYTICS_MODELS");
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}

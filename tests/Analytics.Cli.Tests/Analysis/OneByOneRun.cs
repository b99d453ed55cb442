using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Analysis;

/// <summary>
/// One analysis of the one-by-one clip at the default settings with the real model, shared by every test class of
/// its collection (analysing it once costs a few seconds; the collection's classes run one after another).
/// </summary>
public sealed class OneByOneRun : IAsyncLifetime, IDisposable
{
    /// <summary>The name of the collection whose classes share this run.</summary>
    public const string Collection = "one-by-one run";

    private readonly TemporaryFolder _folder = new("analytics-e2e-");

    public string Output => _folder["out"];

    public int ExitCode { get; private set; } = -1;

    public async Task InitializeAsync()
    {
        var job = CliRunner.WriteJob(_folder.Path, SampleCameras.OneByOne(withTableZone: true));
        (ExitCode, _) = await CliRunner.RunAsync("analyse", "--job", job, "--out", Output, "--progress", "off");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();
}

using System.Security.Cryptography;
using Analytics.Cli.Assets;
using Serilog.Core;

namespace Analytics.Cli.Tests.Assets;

public sealed class AssetInstallerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("analytics-assets-").FullName;
    private readonly string _source;
    private readonly string _target;

    public AssetInstallerTests()
    {
        _source = Directory.CreateDirectory(Path.Combine(_root, "shared")).FullName;
        _target = Path.Combine(_root, "models");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Copies_a_file_whose_hash_matches_then_reports_it_present()
    {
        var asset = WriteSource("model.onnx", "weights");
        using var http = new HttpClient();
        var installer = new AssetInstaller(http, Logger.None);

        Assert.Equal(AssetOutcome.Copied, await installer.InstallAsync(asset, _target, _source, CancellationToken.None));
        Assert.Equal(AssetOutcome.AlreadyPresent, await installer.InstallAsync(asset, _target, _source, CancellationToken.None));
        Assert.Equal("weights", await File.ReadAllTextAsync(Path.Combine(_target, "model.onnx")));
    }

    [Fact]
    public async Task Refuses_a_file_whose_hash_differs_and_leaves_nothing_installed()
    {
        var asset = WriteSource("model.onnx", "weights") with { Sha256 = new string('0', 64) };
        using var http = new HttpClient();
        var installer = new AssetInstaller(http, Logger.None);

        var error = await Assert.ThrowsAsync<AssetException>(() => installer.InstallAsync(asset, _target, _source, CancellationToken.None));

        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_target));
    }

    [Fact]
    public async Task Replaces_a_corrupted_installed_copy()
    {
        var asset = WriteSource("model.onnx", "weights");
        Directory.CreateDirectory(_target);
        await File.WriteAllTextAsync(Path.Combine(_target, "model.onnx"), "tampered");
        using var http = new HttpClient();

        var outcome = await new AssetInstaller(http, Logger.None).InstallAsync(asset, _target, _source, CancellationToken.None);

        Assert.Equal(AssetOutcome.Copied, outcome);
        Assert.Equal("weights", await File.ReadAllTextAsync(Path.Combine(_target, "model.onnx")));
    }

    [Fact]
    public async Task Without_a_local_copy_or_an_address_the_error_names_the_file()
    {
        var asset = new PinnedAsset("absent.onnx", new string('a', 64), Url: null);
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<AssetException>(() => new AssetInstaller(http, Logger.None).InstallAsync(asset, _target, _source, CancellationToken.None));

        Assert.Contains("absent.onnx", error.Message, StringComparison.Ordinal);
    }

    private PinnedAsset WriteSource(string name, string content)
    {
        File.WriteAllText(Path.Combine(_source, name), content);
        return new PinnedAsset(name, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content))), Url: null);
    }
}

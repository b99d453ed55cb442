using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Commands;

/// <summary>
/// <c>models list</c> over a models folder of its own (<c>--models-dir</c>): the installation's allow-list with the
/// default model's file intact, absent, or with one byte changed. A model not installed is a choice (exit 0); a file
/// whose bytes are not the allow-listed ones is a damaged asset (exit 3).
/// </summary>
public sealed class ModelsCommandTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("analytics-models-");

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, int, string> DefaultModelFiles => new()
    {
        // the default model's file, the exit code, its state in the list
        { "intact", 0, "ok" },
        { "not installed", 0, "missing" },
        { "one byte changed", 3, "SHA-256 MISMATCH" },
    };

    [Theory]
    [MemberData(nameof(DefaultModelFiles))]
    public async Task The_list_says_whether_each_file_is_the_allow_listed_one_and_exits_3_when_one_is_not(string file, int documented, string state)
    {
        var models = Directory.CreateDirectory(_folder["models"]).FullName;
        File.Copy(RepositoryPaths.ModelManifest, Path.Combine(models, "models.json"));
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.ModelsDirectory, "yolox_nano_416.onnx"));
        if (file == "one byte changed")
        {
            bytes[^1] ^= 0x01;
        }

        if (file != "not installed")
        {
            File.WriteAllBytes(Path.Combine(models, "yolox_nano_416.onnx"), bytes);
        }

        var (exitCode, output) = await CliRunner.RunAsync("models", "list", "--models-dir", models);

        Assert.True(exitCode == documented, $"exit {exitCode}, documented {documented}: {output}");
        var row = Assert.Single(output.Split('\n'), l => l.StartsWith("yolox-nano-416 (default)\t", StringComparison.Ordinal)).Split('\t');
        Assert.Equal(("yolox_nano_416.onnx", state), (row[1], row[4]));
        Assert.All(output.Split('\n').Where(l => l.Contains('\t', StringComparison.Ordinal) && !l.StartsWith("yolox-nano-416 ", StringComparison.Ordinal)), l => Assert.Equal("missing", l.Split('\t')[4]));
        if (documented == 3)
        {
            Assert.Contains("1 model file(s) cannot be read or do not match their SHA-256: reinstall them with ./analytics models install --all", output, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("do not match", output, StringComparison.Ordinal);
        }
    }
}

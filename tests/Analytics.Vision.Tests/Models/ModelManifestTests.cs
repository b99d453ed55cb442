using Analytics.Core.Integrity;
using Analytics.Tests.Shared;
using Analytics.Vision.Models;

namespace Analytics.Vision.Tests.Models;

public sealed class ModelManifestTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("analytics-manifest-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_repository_manifest_loads_and_its_default_model_is_installed_intact()
    {
        var manifest = ModelManifest.Load(RepositoryPaths.ModelManifest);

        var model = manifest.Default;
        Assert.Equal("yolox-nano-416", model.Id);
        Assert.Equal(416, model.InputSize);
        Assert.Equal(OutputLayout.Yolox, model.OutputLayout);
        Assert.Equal("person", model.Classes[0]);
        Assert.Equal(model.Sha256, FileHash.Sha256Hex(manifest.PathOf(model)));
    }

    [Fact]
    public void A_model_not_in_the_allow_list_is_refused_with_the_listed_ids()
    {
        var manifest = ModelManifest.Load(RepositoryPaths.ModelManifest);

        var error = Assert.Throws<ModelManifestException>(() => manifest.Find("yolov8-face.onnx"));

        Assert.Contains("not in the allow-list", error.Message, StringComparison.Ordinal);
        Assert.Contains("yolox-nano-416", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("face")]
    [InlineData("license plate")]
    [InlineData("dog")]
    public void A_manifest_mapping_a_class_beyond_people_cycles_and_vehicles_is_rejected(string className)
    {
        var path = WriteManifest($$"""{ "0": "person", "1": "{{className}}" }""");

        var error = Assert.Throws<ModelManifestException>(() => ModelManifest.Load(path));

        Assert.Contains($"models[0].classes.1: '{className}' is not a person, cycle or vehicle class", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_an_entry_is_reported_with_its_path()
    {
        var path = WriteManifest("""{ "0": "person" }""", sha256: "abc", inputSize: 100);

        var error = Assert.Throws<ModelManifestException>(() => ModelManifest.Load(path));

        Assert.Contains("models[0].sha256", error.Message, StringComparison.Ordinal);
        Assert.Contains("models[0].inputSize: 100", error.Message, StringComparison.Ordinal);
    }

    private string WriteManifest(string classes, string? sha256 = null, int inputSize = 416)
    {
        var path = Path.Combine(_directory, "models.json");
        File.WriteAllText(path, $$"""
            {
              "models": [{
                "id": "m", "file": "m.onnx", "sha256": "{{sha256 ?? new string('a', 64)}}", "bytes": 1, "licence": "x",
                "inputName": "images", "inputSize": {{inputSize}}, "outputLayout": "yolox", "classCount": 80,
                "classes": {{classes}}
              }]
            }
            """);
        return path;
    }
}

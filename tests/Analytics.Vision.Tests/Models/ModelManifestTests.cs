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

    [Fact]
    public void The_repository_manifest_describes_picodet_as_a_gfl_head_with_stretched_normalised_rgb_input()
    {
        var manifest = ModelManifest.Load(RepositoryPaths.ModelManifest);

        foreach (var (id, size) in new[] { ("picodet-s-416", 416), ("picodet-s-320", 320) })
        {
            var model = manifest.Find(id);
            Assert.Equal((OutputLayout.Gfl, size, 7), (model.OutputLayout, model.InputSize, model.RegMax));
            Assert.Equal([8, 16, 32, 64], model.Strides);
            Assert.Equal((ResizeMode.Stretch, true), (model.Pixels.Resize, model.Pixels.SwapRedBlue));
            Assert.Equal([123.675f, 116.28f, 103.53f], model.Pixels.Mean);
            Assert.Equal([58.395f, 57.12f, 57.375f], model.Pixels.Std);
        }

        Assert.Equal("yolox-nano-416", manifest.DefaultId);
    }

    /// <summary>Manifest entries that must be refused, and the words that say why.</summary>
    public static TheoryData<string, string, string> InvalidGflEntries => new()
    {
        { "gfl without strides", """ "outputLayout": "gfl", "regMax": 7 """, "models[0].strides: the 'gfl' output layout needs the head's strides" },
        { "gfl without regMax", """ "outputLayout": "gfl", "strides": [8, 16, 32, 64] """, "models[0].regMax: the 'gfl' output layout needs regMax" },
        { "strides out of order", """ "outputLayout": "gfl", "strides": [8, 32, 16], "regMax": 7 """, "models[0].strides[2]: 16 does not follow 32 in increasing order" },
        { "a stride larger than the input", """ "outputLayout": "gfl", "strides": [8, 512], "regMax": 7 """, "models[0].strides[1]: 512 is not between 1 and the input size 416" },
        { "regMax out of range", """ "outputLayout": "gfl", "strides": [8], "regMax": 0 """, "models[0].regMax: 0 is not between 1 and 63" },
        { "strides on a yolox entry", """ "outputLayout": "yolox", "strides": [8, 16, 32] """, "models[0].strides: only a 'gfl' output layout takes strides; remove it for 'yolox'" },
        { "regMax on a channels-first entry", """ "outputLayout": "yolo-channels-first", "regMax": 7 """, "models[0].regMax: only a 'gfl' output layout takes regMax; remove it for 'yolo-channels-first'" },
        { "two means", """ "outputLayout": "yolox", "preprocessing": { "mean": [1, 2] } """, "models[0].preprocessing.mean: needs three numbers" },
        { "a zero std", """ "outputLayout": "yolox", "preprocessing": { "std": [1, 0, 1] } """, "models[0].preprocessing.std: needs three positive numbers" },
        { "an unknown channel order", """ "outputLayout": "yolox", "preprocessing": { "channelOrder": "rgba" } """, "models[0].preprocessing.channelOrder: 'rgba' is neither 'bgr' nor 'rgb'" },
        { "an unknown resize", """ "outputLayout": "gfl", "preprocessing": { "resize": "crop" } """, "invalid JSON at $.models[0].preprocessing.resize" },
        { "an unknown layout", """ "outputLayout": "nanodet" """, "invalid JSON at $.models[0].outputLayout" },
        { "a misspelt field", """ "outputLayout": "gfl", "strides": [8], "regmax": 7 """, "'regmax' could not be mapped" },
    };

    [Theory]
    [MemberData(nameof(InvalidGflEntries))]
    public void A_gfl_entry_or_preprocessing_the_decoder_cannot_follow_is_refused_with_its_path(string situation, string fields, string expected)
    {
        var path = Path.Combine(_directory, "models.json");
        File.WriteAllText(path, $$"""
            { "models": [{ "id": "m", "file": "m.onnx", "sha256": "{{new string('a', 64)}}", "bytes": 1, "licence": "x",
                           "inputName": "image", "inputSize": 416, "classCount": 80, "classes": { "0": "person" }, {{fields}} }] }
            """);

        var error = Assert.Throws<ModelManifestException>(() => ModelManifest.Load(path));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{situation}: {error.Message}");
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

using Analytics.Tests.Shared;
using Analytics.Vision.Detection;
using Analytics.Vision.Models;

namespace Analytics.Vision.Tests.Detection;

/// <summary>A model loads only if it is allow-listed, intact and shaped as its manifest entry says.</summary>
public sealed class DetectorModelLoadingTests : IDisposable
{
    private const string Nano416Sha256 = "695e750a5d5754bb5a8d5325643b59282191a7e7a564e435a415fd3c578eab14";
    private const string PicoDet416Sha256 = "cdab77bdde16e4f76bec734c4e5791801d1739e4c7ec1995e0e110e04300d0c2";

    private readonly string _directory = Directory.CreateTempSubdirectory("analytics-models-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_default_model_loads_on_the_cpu_with_its_verified_hash()
    {
        using var model = DetectorSession.Load(ModelManifest.Load(RepositoryPaths.ModelManifest), null, new DetectorOptions());

        Assert.Equal("yolox-nano-416", model.Entry.Id);
        Assert.Equal(Nano416Sha256, model.Sha256);
        Assert.Equal("CPU", model.ProviderName);
    }

    [Fact]
    public void A_model_whose_bytes_differ_from_the_allow_list_is_refused()
    {
        var manifest = WriteManifest(sha256: new string('b', 64), inputSize: 416);

        var error = Assert.Throws<ModelManifestException>(() => DetectorSession.Load(manifest, "m", new DetectorOptions()));

        Assert.Contains("not the bbbb", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_input_size_that_does_not_match_the_model_is_a_clear_error()
    {
        var manifest = WriteManifest(Nano416Sha256, inputSize: 640);

        var error = Assert.Throws<ModelManifestException>(() => DetectorSession.Load(manifest, "m", new DetectorOptions()));

        Assert.Contains("input 'images' has shape [1, 3, 416, 416], the manifest describes [1, 3, 640, 640]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_output_layout_is_a_clear_error()
    {
        var manifest = WriteManifest(Nano416Sha256, inputSize: 416, layout: "yolo-channels-first");

        var error = Assert.Throws<ModelManifestException>(() => DetectorSession.Load(manifest, "m", new DetectorOptions()));

        Assert.Contains("output has shape [1, 3549, 85]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[8, 16, 32]", 7, "has 8 outputs (save_infer_model/scale_0.tmp_1, ")]
    [InlineData("[8, 16, 32]", 7, "but layout Gfl with 3 strides reads 6: [1, 2704, 80], [1, 676, 80], [1, 169, 80], [1, 2704, 32]")]
    [InlineData("[8, 16, 32, 64]", 15, "output 4 ('save_infer_model/scale_4.tmp_1') has shape [1, 2704, 32], but layout Gfl with 80 classes at 416x416 needs [1, 2704, 64]")]
    [InlineData("[16, 32, 64, 128]", 7, "output 0 ('save_infer_model/scale_0.tmp_1') has shape [1, 2704, 80], but layout Gfl with 80 classes at 416x416 needs [1, 676, 80]")]
    public void Gfl_strides_or_regmax_that_do_not_match_the_model_are_a_clear_error(string strides, int regMax, string expected)
    {
        File.Copy(Path.Combine(RepositoryPaths.ModelsDirectory, "picodet_s_416_coco.onnx"), Path.Combine(_directory, "p.onnx"));
        var path = Path.Combine(_directory, "models.json");
        File.WriteAllText(path, $$"""
            { "models": [{ "id": "p", "file": "p.onnx", "sha256": "{{PicoDet416Sha256}}", "bytes": 1, "licence": "test",
                           "inputName": "image", "inputSize": 416, "outputLayout": "gfl", "strides": {{strides}}, "regMax": {{regMax}},
                           "classCount": 80, "classes": { "0": "person", "2": "car" } }] }
            """);

        var error = Assert.Throws<ModelManifestException>(() => DetectorSession.Load(ModelManifest.Load(path), "p", new DetectorOptions()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_file_is_said_to_be_missing_so_that_the_front_end_can_say_how_to_install_it()
    {
        var manifest = WriteManifest(Nano416Sha256, inputSize: 416, copyModel: false);

        var error = Assert.Throws<ModelManifestException>(() => DetectorSession.Load(manifest, "m", new DetectorOptions()));

        Assert.True(error.Missing);
        Assert.Contains("is missing: install the models", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cuda_without_the_gpu_build_of_onnx_runtime_is_refused_and_auto_falls_back_to_the_cpu()
    {
        var manifest = ModelManifest.Load(RepositoryPaths.ModelManifest);

        var error = Assert.Throws<NotSupportedException>(() => DetectorSession.Load(manifest, null, new DetectorOptions { Provider = ExecutionProvider.Cuda }));
        using var auto = DetectorSession.Load(manifest, null, new DetectorOptions { Provider = ExecutionProvider.Auto });

        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu", error.Message, StringComparison.Ordinal);
        Assert.Equal("CPU", auto.ProviderName);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public void An_out_of_range_threshold_is_refused(float threshold)
    {
        var manifest = ModelManifest.Load(RepositoryPaths.ModelManifest);

        var error = Assert.Throws<ArgumentException>(() => DetectorSession.Load(manifest, null, new DetectorOptions { ScoreThreshold = threshold }));

        Assert.Contains("score threshold", error.Message, StringComparison.Ordinal);
    }

    private ModelManifest WriteManifest(string sha256, int inputSize, string layout = "yolox", bool copyModel = true)
    {
        if (copyModel)
        {
            File.Copy(Path.Combine(RepositoryPaths.ModelsDirectory, "yolox_nano_416.onnx"), Path.Combine(_directory, "m.onnx"));
        }

        var path = Path.Combine(_directory, "models.json");
        File.WriteAllText(path, $$"""
            { "models": [{ "id": "m", "file": "m.onnx", "sha256": "{{sha256}}", "bytes": 1, "licence": "test",
                           "inputName": "images", "inputSize": {{inputSize}}, "outputLayout": "{{layout}}", "classCount": 80,
                           "classes": { "0": "person", "2": "car" } }] }
            """);
        return ModelManifest.Load(path);
    }
}

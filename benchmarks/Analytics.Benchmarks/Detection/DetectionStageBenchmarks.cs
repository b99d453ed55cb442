using Analytics.Core.Objects;
using Analytics.Tests.Shared;
using Analytics.Vision.Detection;
using Analytics.Vision.Models;
using Analytics.Vision.Video;
using BenchmarkDotNet.Attributes;
using OpenCvSharp;

namespace Analytics.Benchmarks.Detection;

/// <summary>
/// The Detection stage's CPU work around inference, on a real frame (PETS frame 100) and the real model output for
/// it: resize (letterbox or stretch, per the model) + tensor fill, and output decoding + NMS + taxonomy + riders. Both
/// must allocate nothing per frame in steady state (see the Allocated column), whatever the model's output layout.
/// </summary>
[MemoryDiagnoser]
public class DetectionStageBenchmarks
{
    private DetectorSession _model = null!;
    private FrameDetector _detector = null!;
    private Mat _frame = null!;
    private InputTransform _transform;
    private readonly List<DetectedObject> _objects = new(64);

    [Params("yolox-nano-416", "yolox-nano-640", "picodet-s-416", "picodet-s-320")]
    public string Model { get; set; } = "yolox-nano-416";

    [GlobalSetup]
    public void Setup()
    {
        _model = DetectorSession.Load(ModelManifest.Load(RepositoryPaths.ModelManifest), Model, new DetectorOptions());
        _detector = _model.CreateDetector();
        using var reader = VideoReader.Open(RepositoryPaths.SampleVideo("pets09_s2l1_vtest_480x360.mp4"), DateTimeOffset.UnixEpoch);
        while (reader.Read(out var time) && time.Index < 100)
        {
        }

        _frame = reader.Frame.Clone();
        _transform = _detector.FillInput(_frame);
        _detector.RunInference();
        _detector.Decode(_transform, _frame.Width, _frame.Height, _objects);
        if (_objects.Count == 0)
        {
            throw new InvalidOperationException("the benchmark frame should hold detections");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _detector.Dispose();
        _model.Dispose();
        _frame.Dispose();
    }

    /// <summary>Resize 480x360 BGR to the model input and fill the planar float tensor (normalised, for PicoDet).</summary>
    [Benchmark]
    public float ResizeAndTensorFill() => _detector.FillInput(_frame).ScaleX;

    /// <summary>Decode of every output row (grid or GFL distributions), class-aware NMS, taxonomy, riders and duplicates.</summary>
    [Benchmark]
    public int DecodeAndNms()
    {
        _detector.Decode(_transform, _frame.Width, _frame.Height, _objects);
        return _objects.Count;
    }
}

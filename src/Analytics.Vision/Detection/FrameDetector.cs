using Analytics.Core.Objects;
using Microsoft.ML.OnnxRuntime;
using Analytics.Vision.Video;
using OpenCvSharp;

namespace Analytics.Vision.Detection;

/// <summary>
/// The Detection stage for one thread: letterbox, inference on the shared session, output decoding, class-aware
/// NMS, taxonomy, riders and vehicle duplicates. Every buffer (input and output tensors, candidates) is owned here
/// and reused frame after frame; the session is the model's.
/// </summary>
public sealed class FrameDetector : IFrameDetector
{
    private readonly DetectorSession _model;
    private readonly LetterboxTensor _letterbox;
    private readonly float[] _output;
    private readonly OrtValue _inputValue;
    private readonly OrtValue _outputValue;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _inputs;
    private readonly OrtValue[] _outputs;
    private readonly RunOptions _runOptions = new();
    private readonly List<Candidate> _candidates = new(512);
    private readonly ClassAwareNms _nms;
    private readonly ObjectRefiner _refiner = new();

    internal FrameDetector(DetectorSession model)
    {
        _model = model;
        var size = model.Entry.InputSize;
        _letterbox = new LetterboxTensor(size, model.Entry.Pixels);
        var outputShape = model.Decoder.ExpectedOutputShape.ToArray();
        _output = GC.AllocateUninitializedArray<float>(checked((int)outputShape.Aggregate(1L, (a, b) => a * b)), pinned: true);
        _inputValue = OrtValue.CreateTensorValueFromMemory(_letterbox.Tensor, [1, 3, size, size]);
        _outputValue = OrtValue.CreateTensorValueFromMemory(_output, outputShape);
        _inputNames = [model.Entry.InputName];
        _outputNames = [model.OutputName];
        _inputs = [_inputValue];
        _outputs = [_outputValue];
        _nms = new ClassAwareNms(model.Options.NmsIoUThreshold);
    }

    public DetectorSession Session => _model;

    public void Detect(VideoFrame frame, List<DetectedObject> objects)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Detect(frame.Pixels, objects);
    }

    /// <summary>
    /// Detects pedestrians, cycles and vehicles in <paramref name="frame"/> (8-bit BGR, already masked) and
    /// replaces the content of <paramref name="objects"/> with them, boxes in frame pixels.
    /// </summary>
    public void Detect(Mat frame, List<DetectedObject> objects)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(objects);
        var transform = _letterbox.Fill(frame);
        _model.Session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);
        Decode(transform, frame.Width, frame.Height, objects);
    }

    /// <summary>Runs only the model on the current input tensor (for benchmarks that time inference alone).</summary>
    public void RunInference() => _model.Session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);

    /// <summary>Letterboxes <paramref name="frame"/> into the input tensor (for benchmarks that time each step).</summary>
    public LetterboxTransform FillInput(Mat frame) => _letterbox.Fill(frame);

    /// <summary>Letterboxes <paramref name="frame"/> into the input tensor (for benchmarks that time each step).</summary>
    public LetterboxTransform FillInput(VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return _letterbox.Fill(frame.Pixels);
    }

    /// <summary>Decodes the current output tensor into objects in frame coordinates, riders and duplicates merged.</summary>
    public void Decode(LetterboxTransform transform, int frameWidth, int frameHeight, List<DetectedObject> objects)
    {
        DecodeUnrefined(transform, frameWidth, frameHeight, objects);
        _refiner.Refine(objects);
    }

    /// <summary>Decoding, NMS and taxonomy, before riders and vehicle duplicates are merged.</summary>
    internal void DecodeUnrefined(LetterboxTransform transform, int frameWidth, int frameHeight, List<DetectedObject> objects)
    {
        _candidates.Clear();
        _model.Decoder.Decode(_output, _model.ClassIds, _model.Options.ScoreThreshold, _candidates);
        _nms.Apply(_candidates);

        objects.Clear();
        foreach (var candidate in _candidates)
        {
            var box = transform.ToFrame(candidate.Box).ClampTo(frameWidth, frameHeight);
            if (box.Width < 1f || box.Height < 1f)
            {
                continue; // entirely in the padding, or clipped away at the frame edge
            }

            var (objectClass, kind) = _model.ClassOf[candidate.ModelClass];
            objects.Add(new DetectedObject(box, candidate.Score, objectClass, kind));
        }
    }

    public void Dispose()
    {
        _inputValue.Dispose();
        _outputValue.Dispose();
        _runOptions.Dispose();
        _letterbox.Dispose();
    }
}

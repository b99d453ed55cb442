using System.Runtime.InteropServices;
using Analytics.Core.Objects;
using Microsoft.ML.OnnxRuntime;
using Analytics.Vision.Video;
using OpenCvSharp;

namespace Analytics.Vision.Detection;

/// <summary>
/// The Detection stage for one thread: resize into the input tensor, inference on the shared session, output
/// decoding, frame-sized artefacts dropped, class-aware NMS, taxonomy, riders and vehicle duplicates. Every buffer
/// (input and output tensors, candidates) is owned here and reused frame after frame; the session is the model's.
/// </summary>
public sealed class FrameDetector : IFrameDetector
{
    /// <summary>
    /// A box covering more than this share of the frame is dropped, whatever the model and its score: at CCTV
    /// distances no road user fills most of the picture, and such boxes are detector artefacts (PP-PicoDet's
    /// coarsest level sometimes reports the whole frame as a car). Dropped before NMS and merging, so such a box
    /// never swallows the real objects inside it.
    /// </summary>
    public const float MaxFrameShare = 0.6f;

    private readonly DetectorSession _model;
    private readonly InputTensor _input;
    private readonly float[] _output;
    private readonly OrtValue _inputValue;
    private readonly OrtValue[] _outputValues;
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
        _input = new InputTensor(size, model.Entry.Pixels);

        // Every output tensor the decoder reads, one after the other in one pinned buffer (the decoder's view).
        var shapes = model.Decoder.ExpectedOutputShapes;
        var lengths = shapes.Select(shape => checked((int)shape.Aggregate(1L, (a, b) => a * b))).ToArray();
        _output = GC.AllocateUninitializedArray<float>(lengths.Sum(), pinned: true);
        _outputValues = new OrtValue[shapes.Count];
        for (int i = 0, offset = 0; i < shapes.Count; offset += lengths[i], i++)
        {
            _outputValues[i] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _output.AsMemory(offset, lengths[i]), shapes[i].ToArray());
        }

        _inputValue = OrtValue.CreateTensorValueFromMemory(_input.Tensor, [1, 3, size, size]);
        _inputNames = [model.Entry.InputName];
        _outputNames = model.OutputNames;
        _inputs = [_inputValue];
        _outputs = _outputValues;
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
        var transform = _input.Fill(frame);
        _model.Session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);
        Decode(transform, frame.Width, frame.Height, objects);
    }

    /// <summary>Runs only the model on the current input tensor (for benchmarks that time inference alone).</summary>
    public void RunInference() => _model.Session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);

    /// <summary>Resizes <paramref name="frame"/> into the input tensor (for benchmarks that time each step).</summary>
    public InputTransform FillInput(Mat frame) => _input.Fill(frame);

    /// <summary>Resizes <paramref name="frame"/> into the input tensor (for benchmarks that time each step).</summary>
    public InputTransform FillInput(VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return _input.Fill(frame.Pixels);
    }

    /// <summary>Decodes the current output tensor into objects in frame coordinates, riders and duplicates merged.</summary>
    public void Decode(InputTransform transform, int frameWidth, int frameHeight, List<DetectedObject> objects)
    {
        DecodeUnrefined(transform, frameWidth, frameHeight, objects);
        _refiner.Refine(objects);
    }

    /// <summary>Decoding, frame-sized artefacts dropped, NMS and taxonomy, before riders and vehicle duplicates are merged.</summary>
    internal void DecodeUnrefined(InputTransform transform, int frameWidth, int frameHeight, List<DetectedObject> objects)
    {
        DecodeCandidates(_candidates);
        DropImplausible(_candidates, transform, frameWidth, frameHeight);
        _nms.Apply(_candidates);

        objects.Clear();
        foreach (var candidate in _candidates)
        {
            var box = transform.ToFrame(candidate.Box).ClampTo(frameWidth, frameHeight);
            var (objectClass, kind) = _model.ClassOf[candidate.ModelClass];
            objects.Add(new DetectedObject(box, candidate.Score, objectClass, kind));
        }
    }

    /// <summary>The model's raw candidates above the score threshold, in model input pixels, before anything is dropped or merged.</summary>
    internal void DecodeCandidates(List<Candidate> candidates)
    {
        candidates.Clear();
        _model.Decoder.Decode(_output, _model.ClassIds, _model.Options.ScoreThreshold, candidates);
    }

    /// <summary>
    /// Removes candidates whose box, in frame pixels, is under a pixel wide or high (entirely in the padding, or
    /// clipped away at the frame edge) or covers more than <see cref="MaxFrameShare"/> of the frame.
    /// </summary>
    internal static void DropImplausible(List<Candidate> candidates, InputTransform transform, int frameWidth, int frameHeight)
    {
        var maxArea = MaxFrameShare * frameWidth * frameHeight;
        var span = CollectionsMarshal.AsSpan(candidates);
        var kept = 0;
        foreach (var candidate in span)
        {
            var box = transform.ToFrame(candidate.Box).ClampTo(frameWidth, frameHeight);
            if (box.Width >= 1f && box.Height >= 1f && box.Area <= maxArea)
            {
                span[kept++] = candidate;
            }
        }

        candidates.RemoveRange(kept, candidates.Count - kept);
    }

    public void Dispose()
    {
        _inputValue.Dispose();
        foreach (var output in _outputValues)
        {
            output.Dispose();
        }

        _runOptions.Dispose();
        _input.Dispose();
    }
}

using Analytics.Core.Objects;
using Analytics.Vision.Models;
using Microsoft.ML.OnnxRuntime;

namespace Analytics.Vision.Detection;

/// <summary>
/// One ONNX Runtime session of a <see cref="VerifiedModel"/> (thread-safe, reused by every <see cref="FrameDetector"/>
/// made from it), with the output decoder for its layout and its class map. Building one refuses a model whose input
/// or output shape is not the one the manifest describes. A run holds several, one per inference thread
/// (<see cref="DetectorPool"/>).
/// </summary>
public sealed class DetectorSession : IDisposable
{
    private readonly InferenceSession _session;

    private DetectorSession(ModelEntry entry, string path, string sha256, InferenceSession session, IOutputDecoder decoder, DetectorOptions options, string provider)
    {
        Entry = entry;
        Path = path;
        Sha256 = sha256;
        _session = session;
        Decoder = decoder;
        Options = options;
        ProviderName = provider;
        OutputNames = session.OutputNames.Take(decoder.ExpectedOutputShapes.Count).ToArray();
        var mapped = entry.Classes
            .Select(pair => (Id: pair.Key, Mapped: CocoTaxonomy.TryMap(pair.Value, out var objectClass, out var kind), Class: objectClass, Kind: kind))
            .Where(c => c.Mapped)
            .OrderBy(c => c.Id)
            .ToArray();
        ClassIds = mapped.Select(c => c.Id).ToArray();
        ClassOf = new (ObjectClass, VehicleKind)[entry.ClassCount];
        foreach (var c in mapped)
        {
            ClassOf[c.Id] = (c.Class, c.Kind);
        }
    }

    public ModelEntry Entry { get; }

    public string Path { get; }

    /// <summary>SHA-256 of the exact bytes the session was built from.</summary>
    public string Sha256 { get; }

    public DetectorOptions Options { get; }

    /// <summary>The execution provider the session actually runs on ("CPU" or "CUDA").</summary>
    public string ProviderName { get; }

    internal IOutputDecoder Decoder { get; }

    /// <summary>The outputs the decoder reads, in the graph's order (one for YOLOX, two per stride for a GFL head).</summary>
    internal string[] OutputNames { get; }

    internal int[] ClassIds { get; }

    internal (ObjectClass Class, VehicleKind Kind)[] ClassOf { get; }

    internal InferenceSession Session => _session;

    /// <summary>Loads <paramref name="modelIdOrFile"/> (default: the manifest's default) after checking it against the allow-list: one session.</summary>
    public static DetectorSession Load(ModelManifest manifest, string? modelIdOrFile, DetectorOptions options) =>
        Create(VerifiedModel.Load(manifest, modelIdOrFile), options);

    /// <summary>Builds a session of <paramref name="model"/>, whose bytes were checked against the allow-list once.</summary>
    public static DetectorSession Create(VerifiedModel model, DetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        return CreateSession(model.Entry, model.Path, model.Sha256, model.Bytes, options);
    }

    /// <summary>A detector with its own buffers, for one thread; it shares this model's session.</summary>
    public FrameDetector CreateDetector() => new(this);

    private static DetectorSession CreateSession(ModelEntry entry, string path, string sha256, byte[] bytes, DetectorOptions options)
    {
        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        var provider = ConfigureProvider(sessionOptions, options.Provider);

        InferenceSession session;
        try
        {
            session = new InferenceSession(bytes, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelManifestException($"model file {path} cannot be loaded by ONNX Runtime: {e.Message}");
        }

        try
        {
            var decoder = CreateDecoder(entry, session);
            CheckShapes(entry, path, session, decoder);
            return new DetectorSession(entry, path, sha256, session, decoder, options, provider);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Dispose() => _session.Dispose();

    private static string ConfigureProvider(SessionOptions sessionOptions, ExecutionProvider provider)
    {
        if (provider == ExecutionProvider.Cpu)
        {
            return "CPU";
        }

        var available = OrtEnv.Instance().GetAvailableProviders();
        var hasCuda = available.Contains("CUDAExecutionProvider", StringComparer.Ordinal);
        if (hasCuda)
        {
            try
            {
                sessionOptions.AppendExecutionProvider_CUDA(0);
                return "CUDA";
            }
            catch (OnnxRuntimeException e) when (provider == ExecutionProvider.Auto)
            {
                _ = e; // no usable GPU: Auto falls back to the CPU
                return "CPU";
            }
        }

        return provider == ExecutionProvider.Auto
            ? "CPU"
            : throw new NotSupportedException(
                $"the CUDA execution provider is not in this ONNX Runtime build (available: {string.Join(", ", available)}); " +
                "it needs the Microsoft.ML.OnnxRuntime.Gpu package and an NVIDIA GPU. Use the CPU provider, or auto.");
    }

    private static IOutputDecoder CreateDecoder(ModelEntry entry, InferenceSession session) => entry.OutputLayout switch
    {
        OutputLayout.Yolox => new YoloxOutputDecoder(entry.InputSize, entry.ClassCount),
        OutputLayout.YoloChannelsFirst => new YoloChannelsFirstOutputDecoder(AnchorCount(session), entry.ClassCount),
        OutputLayout.Gfl => new GflOutputDecoder(entry.InputSize, entry.ClassCount, entry.Strides!, entry.RegMax!.Value), // both checked with the manifest
        _ => throw new ModelManifestException($"output layout {entry.OutputLayout} is not supported"),
    };

    private static int AnchorCount(InferenceSession session)
    {
        var dimensions = session.OutputMetadata[session.OutputNames[0]].Dimensions;
        return dimensions.Length == 3 && dimensions[2] > 0 ? dimensions[2] : 0;
    }

    private static void CheckShapes(ModelEntry entry, string path, InferenceSession session, IOutputDecoder decoder)
    {
        if (!session.InputMetadata.TryGetValue(entry.InputName, out var input))
        {
            throw new ModelManifestException(
                $"model {path}: has no input '{entry.InputName}' (inputs: {string.Join(", ", session.InputMetadata.Keys)}); fix inputName in the manifest");
        }

        long[] expectedInput = [1, 3, entry.InputSize, entry.InputSize];
        if (!ShapeMatches(input.Dimensions, expectedInput))
        {
            throw new ModelManifestException(
                $"model {path}: input '{entry.InputName}' has shape [{string.Join(", ", input.Dimensions)}], the manifest describes [{string.Join(", ", expectedInput)}]");
        }

        var expected = decoder.ExpectedOutputShapes;
        var names = session.OutputNames;
        if (names.Count < expected.Count || (entry.OutputLayout == OutputLayout.Gfl && names.Count != expected.Count))
        {
            throw new ModelManifestException(
                $"model {path}: has {names.Count} outputs ({string.Join(", ", names)}), but layout {entry.OutputLayout} " +
                (entry.OutputLayout == OutputLayout.Gfl ? $"with {entry.Strides!.Count} strides " : string.Empty) +
                $"reads {expected.Count}: {string.Join(", ", expected.Select(Format))}");
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var output = session.OutputMetadata[names[i]];
            if (!ShapeMatches(output.Dimensions, expected[i]))
            {
                var which = expected.Count == 1 ? "output" : $"output {i} ('{names[i]}')";
                throw new ModelManifestException(
                    $"model {path}: {which} has shape [{string.Join(", ", output.Dimensions)}], but layout {entry.OutputLayout} with {entry.ClassCount} classes " +
                    $"at {entry.InputSize}x{entry.InputSize} needs {Format(expected[i])}");
            }
        }
    }

    private static string Format(IReadOnlyList<long> shape) => $"[{string.Join(", ", shape)}]";

    // A dynamic dimension (-1 or 0) matches anything.
    private static bool ShapeMatches(int[] actual, IReadOnlyList<long> expected) =>
        actual.Length == expected.Count && actual.Select((d, i) => d <= 0 || d == expected[i]).All(ok => ok);
}

using System.Security.Cryptography;
using Analytics.Core.Objects;
using Analytics.Vision.Models;
using Microsoft.ML.OnnxRuntime;

namespace Analytics.Vision.Detection;

/// <summary>
/// An allow-listed detector loaded once and shared: the ONNX Runtime session (thread-safe, reused by every
/// <see cref="FrameDetector"/>), the output decoder for its layout and its class map. Loading refuses a model that
/// is not in the manifest, whose bytes do not hash to the manifest's SHA-256, or whose input or output shape is not
/// the one the manifest describes.
/// </summary>
public sealed class DetectorModel : IDisposable
{
    private readonly InferenceSession _session;

    private DetectorModel(ModelEntry entry, string path, string sha256, InferenceSession session, IOutputDecoder decoder, DetectorOptions options, string provider)
    {
        Entry = entry;
        Path = path;
        Sha256 = sha256;
        _session = session;
        Decoder = decoder;
        Options = options;
        ProviderName = provider;
        OutputName = session.OutputMetadata.Keys.First();
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

    internal string OutputName { get; }

    internal int[] ClassIds { get; }

    internal (ObjectClass Class, VehicleKind Kind)[] ClassOf { get; }

    internal InferenceSession Session => _session;

    /// <summary>Loads <paramref name="modelIdOrFile"/> (default: the manifest's default) after checking it against the allow-list.</summary>
    public static DetectorModel Load(ModelManifest manifest, string? modelIdOrFile, DetectorOptions options) =>
        LoadSessions(manifest, modelIdOrFile, options, 1)[0];

    /// <summary>
    /// Reads and checks the model once, then builds <paramref name="count"/> independent sessions of it (one per
    /// inference thread, for frame-parallel detection on a CPU).
    /// </summary>
    public static List<DetectorModel> LoadSessions(ModelManifest manifest, string? modelIdOrFile, DetectorOptions options, int count)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var entry = manifest.Find(modelIdOrFile ?? manifest.DefaultId);
        var path = manifest.PathOf(entry);
        if (!File.Exists(path))
        {
            throw new ModelManifestException($"model file {path} is missing: install the models first") { Missing = true };
        }

        // Hash exactly the bytes the sessions are built from, so the file cannot change between check and load.
        var bytes = File.ReadAllBytes(path);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(sha256, entry.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelManifestException($"model file {path} has SHA-256 {sha256}, not the {entry.Sha256} of the allow-list: refused");
        }

        var sessions = new List<DetectorModel>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                sessions.Add(CreateSession(entry, path, sha256, bytes, options));
            }

            return sessions;
        }
        catch
        {
            sessions.ForEach(s => s.Dispose());
            throw;
        }
    }

    /// <summary>A detector with its own buffers, for one thread; it shares this model's session.</summary>
    public FrameDetector CreateDetector() => new(this);

    private static DetectorModel CreateSession(ModelEntry entry, string path, string sha256, byte[] bytes, DetectorOptions options)
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
            return new DetectorModel(entry, path, sha256, session, decoder, options, provider);
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
        _ => throw new ModelManifestException($"output layout {entry.OutputLayout} is not supported"),
    };

    private static int AnchorCount(InferenceSession session)
    {
        var dimensions = session.OutputMetadata.Values.First().Dimensions;
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

        var output = session.OutputMetadata.Values.First();
        if (!ShapeMatches(output.Dimensions, decoder.ExpectedOutputShape))
        {
            throw new ModelManifestException(
                $"model {path}: output has shape [{string.Join(", ", output.Dimensions)}], but layout {entry.OutputLayout} with {entry.ClassCount} classes " +
                $"at {entry.InputSize}x{entry.InputSize} needs [{string.Join(", ", decoder.ExpectedOutputShape)}]");
        }
    }

    // A dynamic dimension (-1 or 0) matches anything.
    private static bool ShapeMatches(int[] actual, IReadOnlyList<long> expected) =>
        actual.Length == expected.Count && actual.Select((d, i) => d <= 0 || d == expected[i]).All(ok => ok);
}

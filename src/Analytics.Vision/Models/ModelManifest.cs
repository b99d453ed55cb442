using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Vision.Models;

/// <summary>
/// The allow-list of detector models (<c>models/models.json</c>): every model the product may load, with its
/// SHA-256, licence, public source, input size, output layout, preprocessing and class map. A model that is not
/// listed here, or whose bytes do not hash to the listed value, never loads.
/// </summary>
public sealed class ModelManifest
{
    /// <summary>Model class names the product may map: people, cycles and vehicles, nothing else.</summary>
    public static readonly IReadOnlySet<string> AllowedClassNames =
        new HashSet<string>(StringComparer.Ordinal) { "person", "bicycle", "car", "motorcycle", "bus", "truck" };

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private ModelManifest(string directory, string defaultId, IReadOnlyList<ModelEntry> models)
    {
        Directory = directory;
        DefaultId = defaultId;
        Models = models;
    }

    /// <summary>The folder that holds the manifest; model files are resolved relative to it.</summary>
    public string Directory { get; }

    public string DefaultId { get; }

    public IReadOnlyList<ModelEntry> Models { get; }

    public ModelEntry Default => Find(DefaultId);

    public static ModelManifest Load(string manifestPath)
    {
        if (!File.Exists(manifestPath))
        {
            throw new ModelManifestException($"model manifest not found: {manifestPath} (the models folder is not set up)") { Missing = true };
        }

        ManifestDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ManifestDocument>(File.ReadAllText(manifestPath), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ModelManifestException($"{manifestPath}: invalid JSON at {e.Path}: {e.Message}");
        }

        if (document?.Models is null || document.Models.Count == 0)
        {
            throw new ModelManifestException($"{manifestPath}: 'models' must list at least one model");
        }

        var problems = new List<string>();
        for (var i = 0; i < document.Models.Count; i++)
        {
            problems.AddRange(document.Models[i].Validate().Select(p => $"models[{i}].{p}"));
        }

        var duplicate = document.Models.GroupBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            problems.Add($"models: id '{duplicate.Key}' is listed twice");
        }

        var defaultId = document.Default ?? document.Models[0].Id;
        if (!document.Models.Any(m => m.Id == defaultId))
        {
            problems.Add($"default: '{defaultId}' is not the id of a listed model");
        }

        if (problems.Count > 0)
        {
            throw new ModelManifestException($"{manifestPath}: {string.Join("; ", problems)}");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        return new ModelManifest(directory, defaultId, document.Models);
    }

    /// <summary>The entry whose id or file name is <paramref name="idOrFile"/>.</summary>
    public ModelEntry Find(string idOrFile)
    {
        var entry = Models.FirstOrDefault(m => m.Id == idOrFile || m.File == idOrFile || m.File == Path.GetFileName(idOrFile));
        return entry ?? throw new ModelManifestException(
            $"model '{idOrFile}' is not in the allow-list {Path.Combine(Directory, "models.json")} (listed: {string.Join(", ", Models.Select(m => m.Id))})");
    }

    public string PathOf(ModelEntry entry) => Path.Combine(Directory, entry.File);

    private sealed record ManifestDocument(string? Default, List<ModelEntry>? Models);
}

/// <summary>Where a model file can be fetched from: a public repository, the path in it and the exact commit.</summary>
public sealed record ModelSource(string Repository, string Path, string Commit, string Url);

/// <summary>How the detector's raw output tensor is laid out.</summary>
public enum OutputLayout
{
    /// <summary><c>[1, N, 5 + C]</c>: grid-relative boxes, objectness, class probabilities; decoded outside the graph (YOLOX).</summary>
    Yolox,

    /// <summary><c>[1, 4 + C, N]</c>: centre-size boxes in input pixels, then class scores (YOLOv5u/v8/v11 exports).</summary>
    YoloChannelsFirst,
}

/// <summary>Where the resized image sits on the square input canvas.</summary>
public enum LetterboxAnchor
{
    TopLeft,
    Center,
}

/// <summary>Pixel preprocessing a model was trained with.</summary>
public sealed record Preprocessing(string ChannelOrder = "bgr", float Scale = 1f, byte PadValue = 114, LetterboxAnchor Letterbox = LetterboxAnchor.TopLeft)
{
    public bool SwapRedBlue => string.Equals(ChannelOrder, "rgb", StringComparison.OrdinalIgnoreCase);
}

/// <summary>One allow-listed model. Class ids are the model's output indices, mapped to COCO class names.</summary>
public sealed record ModelEntry(
    string Id,
    string File,
    string Sha256,
    long Bytes,
    string Licence,
    ModelSource? Source,
    string InputName,
    int InputSize,
    OutputLayout OutputLayout,
    int ClassCount,
    Dictionary<int, string> Classes,
    Preprocessing? Preprocessing = null)
{
    public Preprocessing Pixels => Preprocessing ?? new Preprocessing();

    internal IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Id))
        {
            yield return "id: must not be empty";
        }

        if (string.IsNullOrWhiteSpace(File) || File.Contains('/', StringComparison.Ordinal) || File.Contains('\\', StringComparison.Ordinal))
        {
            yield return "file: must be a plain file name inside the models folder";
        }

        if (!Core.Integrity.FileHash.IsSha256Hex(Sha256))
        {
            yield return "sha256: must be 64 hexadecimal digits";
        }

        if (InputSize is < 32 or > 4096 || InputSize % 32 != 0)
        {
            yield return $"inputSize: {InputSize} is not a multiple of 32 between 32 and 4096";
        }

        if (ClassCount < 1)
        {
            yield return "classCount: must be positive";
        }

        if (Classes is null || Classes.Count == 0)
        {
            yield return "classes: must map at least one model class id to a class name";
            yield break;
        }

        foreach (var (id, name) in Classes)
        {
            if (id < 0 || id >= ClassCount)
            {
                yield return $"classes.{id}: class id is outside 0..{ClassCount - 1}";
            }

            if (!ModelManifest.AllowedClassNames.Contains(name))
            {
                yield return $"classes.{id}: '{name}' is not a person, cycle or vehicle class; only {string.Join(", ", ModelManifest.AllowedClassNames)} may be mapped (statistics of people, cycles and vehicles only)";
            }
        }
    }
}

/// <summary>The manifest is missing, malformed, or does not allow the requested model.</summary>
public sealed class ModelManifestException(string message) : Exception(message)
{
    /// <summary>A file the allow-list names is not installed (as opposed to present but wrong): installing the models mends it.</summary>
    public bool Missing { get; init; }
}

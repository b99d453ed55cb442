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
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, // a misspelt field ("regmax") is an error, not a silent default
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private ModelManifest(string path, string sha256, string directory, string defaultId, IReadOnlyList<ModelEntry> models)
    {
        Path = path;
        Sha256 = sha256;
        Directory = directory;
        DefaultId = defaultId;
        Models = models;
    }

    /// <summary>The manifest file itself, as loaded.</summary>
    public string Path { get; }

    /// <summary>SHA-256 of the manifest's bytes: which allow-list a run trusted is recorded with it.</summary>
    public string Sha256 { get; }

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
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(manifestPath);
            document = JsonSerializer.Deserialize<ManifestDocument>(bytes, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ModelManifestException($"{manifestPath}: invalid JSON at {e.Path}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelManifestException($"{manifestPath}: the model manifest cannot be read ({e.Message})");
        }

        if (document?.Models is null || document.Models.Count == 0)
        {
            throw new ModelManifestException($"{manifestPath}: 'models' must list at least one model");
        }

        var problems = new List<string>();
        for (var i = 0; i < document.Models.Count; i++)
        {
            if (document.Models[i] is not { } model)
            {
                problems.Add($"models[{i}]: expected a model description, found null");
                continue;
            }

            problems.AddRange(model.Validate().Select(p => $"models[{i}].{p}"));
        }

        if (problems.Count > 0)
        {
            throw new ModelManifestException($"{manifestPath}: {string.Join("; ", problems)}");
        }

        var models = document.Models.Select(m => m!).ToList();
        var duplicate = models.GroupBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            problems.Add($"models: id '{duplicate.Key}' is listed twice");
        }

        var defaultId = document.Default ?? models[0].Id;
        if (!models.Any(m => m.Id == defaultId))
        {
            problems.Add($"default: '{defaultId}' is not the id of a listed model");
        }

        if (problems.Count > 0)
        {
            throw new ModelManifestException($"{manifestPath}: {string.Join("; ", problems)}");
        }

        var fullPath = System.IO.Path.GetFullPath(manifestPath);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        return new ModelManifest(fullPath, sha256, System.IO.Path.GetDirectoryName(fullPath)!, defaultId, models);
    }

    /// <summary>The entry whose id or file name is <paramref name="idOrFile"/>.</summary>
    public ModelEntry Find(string idOrFile)
    {
        ArgumentNullException.ThrowIfNull(idOrFile);
        // A path names one file: the allow-listed one in the models folder, or none (never "a file of that name").
        var isPath = idOrFile.Contains('/', StringComparison.Ordinal) || idOrFile.Contains('\\', StringComparison.Ordinal);
        var entry = isPath
            ? Models.FirstOrDefault(m => string.Equals(System.IO.Path.GetFullPath(idOrFile), System.IO.Path.GetFullPath(PathOf(m)), StringComparison.Ordinal))
            : Models.FirstOrDefault(m => m.Id == idOrFile || m.File == idOrFile);
        if (entry is null && isPath && Models.Any(m => m.File == System.IO.Path.GetFileName(idOrFile)))
        {
            throw new ModelManifestException(
                $"model file {idOrFile} is not the allow-listed {System.IO.Path.GetFileName(idOrFile)} of {Directory}: only the files in the manifest's own folder load") { NotListed = true };
        }

        return entry ?? throw new ModelManifestException(
            $"model '{idOrFile}' is not in the allow-list {Path} (listed: {string.Join(", ", Models.Select(m => m.Id))})") { NotListed = true };
    }

    public string PathOf(ModelEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return System.IO.Path.Combine(Directory, entry.File);
    }

    private sealed record ManifestDocument(string? Default, List<ModelEntry?>? Models);
}

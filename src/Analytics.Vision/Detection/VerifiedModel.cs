using System.Security.Cryptography;
using Analytics.Vision.Models;

namespace Analytics.Vision.Detection;

/// <summary>
/// A model file read once and checked against the allow-list: listed in the manifest, and its bytes hash to the
/// manifest's SHA-256. Sessions are built from exactly these bytes, so the file cannot change between the check and
/// the load.
/// </summary>
public sealed class VerifiedModel
{
    private VerifiedModel(ModelEntry entry, string path, string sha256, byte[] bytes)
    {
        Entry = entry;
        Path = path;
        Sha256 = sha256;
        Bytes = bytes;
    }

    public ModelEntry Entry { get; }

    public string Path { get; }

    /// <summary>SHA-256 of <see cref="Bytes"/>, equal to the manifest's.</summary>
    public string Sha256 { get; }

    internal byte[] Bytes { get; }

    /// <summary>
    /// Reads <paramref name="modelIdOrFile"/> (default: the manifest's default). Throws <see cref="ModelManifestException"/>
    /// when it is not in the manifest, its file is missing (<see cref="ModelManifestException.Missing"/>) or unreadable,
    /// or its bytes do not match.
    /// </summary>
    public static VerifiedModel Load(ModelManifest manifest, string? modelIdOrFile)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var entry = manifest.Find(modelIdOrFile ?? manifest.DefaultId);
        var path = manifest.PathOf(entry);
        if (!File.Exists(path))
        {
            throw new ModelManifestException($"model file {path} is missing: install the models first") { Missing = true };
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelManifestException($"model file {path} cannot be read ({e.Message})");
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(sha256, entry.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelManifestException($"model file {path} has SHA-256 {sha256}, not the {entry.Sha256} of the allow-list: refused");
        }

        return new VerifiedModel(entry, path, sha256, bytes);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Vision.Models;

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

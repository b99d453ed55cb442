using System.Text.Json;

namespace Analytics.Vision.Models;

/// <summary>One allow-listed model. Class ids are the model's output indices, mapped to COCO class names.</summary>
/// <param name="Strides">For <see cref="OutputLayout.Gfl"/> only: the head's strides in input pixels, one output level each, in output order.</param>
/// <param name="RegMax">
/// For <see cref="OutputLayout.Gfl"/> only: the largest distance, in strides, a box side can have; each side's
/// distribution has <c>RegMax + 1</c> bins (PP-PicoDet: 7, so 8 bins and 32 values per row).
/// </param>
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
    Preprocessing? Preprocessing = null,
    IReadOnlyList<int>? Strides = null,
    int? RegMax = null)
{
    /// <summary>Largest <see cref="RegMax"/> accepted: distributions beyond 64 bins are not a GFL head we know.</summary>
    public const int MaxRegMax = 63;

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

        foreach (var problem in ValidateLayout())
        {
            yield return problem;
        }

        foreach (var problem in Pixels.Validate())
        {
            yield return $"preprocessing.{problem}";
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

    private IEnumerable<string> ValidateLayout()
    {
        if (!Enum.IsDefined(OutputLayout))
        {
            yield return $"outputLayout: {(int)OutputLayout} is not a known layout (yolox, yolo-channels-first, gfl)";
            yield break;
        }

        if (OutputLayout != OutputLayout.Gfl)
        {
            if (Strides is not null)
            {
                yield return $"strides: only a 'gfl' output layout takes strides; remove it for '{JsonNamingPolicy.KebabCaseLower.ConvertName(OutputLayout.ToString())}'";
            }

            if (RegMax is not null)
            {
                yield return $"regMax: only a 'gfl' output layout takes regMax; remove it for '{JsonNamingPolicy.KebabCaseLower.ConvertName(OutputLayout.ToString())}'";
            }

            yield break;
        }

        if (Strides is null || Strides.Count == 0)
        {
            yield return "strides: the 'gfl' output layout needs the head's strides in output order, e.g. [8, 16, 32, 64]";
        }
        else
        {
            for (var i = 0; i < Strides.Count; i++)
            {
                if (Strides[i] < 1 || Strides[i] > InputSize)
                {
                    yield return $"strides[{i}]: {Strides[i]} is not between 1 and the input size {InputSize}";
                }
                else if (i > 0 && Strides[i] <= Strides[i - 1])
                {
                    yield return $"strides[{i}]: {Strides[i]} does not follow {Strides[i - 1]} in increasing order";
                }
            }
        }

        if (RegMax is null)
        {
            yield return "regMax: the 'gfl' output layout needs regMax, the largest box-side distance in strides (bins per side − 1; 7 for PP-PicoDet)";
        }
        else if (RegMax is < 1 or > MaxRegMax)
        {
            yield return $"regMax: {RegMax} is not between 1 and {MaxRegMax}";
        }
    }
}

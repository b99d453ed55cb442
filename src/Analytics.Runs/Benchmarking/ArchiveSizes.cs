namespace Analytics.Runs.Benchmarking;

/// <summary>The names of <see cref="ArchiveSize"/> values, as the command line and the reports write them.</summary>
public static class ArchiveSizes
{
    public static string Name(ArchiveSize size) => size switch
    {
        ArchiveSize.Hd720 => "720p",
        ArchiveSize.Hd1080 => "1080p",
        _ => "native",
    };

    public static bool TryParse(string text, out ArchiveSize size)
    {
        foreach (var candidate in Enum.GetValues<ArchiveSize>())
        {
            if (string.Equals(Name(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                size = candidate;
                return true;
            }
        }

        size = default;
        return false;
    }

    /// <summary>Frame height of <paramref name="size"/> for a scene <paramref name="nativeHeight"/> pixels high.</summary>
    public static int Height(ArchiveSize size, int nativeHeight) => size switch
    {
        ArchiveSize.Hd720 => 720,
        ArchiveSize.Hd1080 => 1080,
        _ => nativeHeight,
    };
}

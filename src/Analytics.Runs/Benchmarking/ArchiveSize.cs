namespace Analytics.Runs.Benchmarking;

/// <summary>A frame height of the bench archive: each scene's own (native), or scaled to 720 or 1080 lines (aspect kept).</summary>
public enum ArchiveSize
{
    Native,
    Hd720,
    Hd1080,
}

namespace Analytics.Runs.Benchmarking;

/// <summary>
/// One size of the bench archive, built: its job file (one camera per scene, one input per segment), its segments and
/// its footage; and the same footage as one long file per scene (the segments joined without re-encoding), with its job.
/// </summary>
public sealed record BuiltArchive(ArchiveSize Size, string JobPath, IReadOnlyList<string> Segments, double FootageSeconds, string LongFileJobPath)
{
    /// <summary>"native", "720p" or "1080p".</summary>
    public string SizeName => ArchiveSizes.Name(Size);
}

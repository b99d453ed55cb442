namespace Analytics.Runs.Benchmarking;

/// <summary>The bench archive could not be built; <see cref="Missing"/> when what it is built with (FFmpeg, a sample video) is not installed.</summary>
public sealed class ArchiveBuildException(string message, bool missing = false) : Exception(message)
{
    public bool Missing { get; } = missing;
}

namespace Analytics.Vision.Video;

/// <summary>
/// Deferred analysis only: inputs must be closed, recorded files. Network streams, devices, pipes and sockets
/// are refused before anything is opened, because analysing them would be live ("augmented") video surveillance.
/// </summary>
public static class DeferredInputPolicy
{
    private static readonly string[] DevicePrefixes = ["/dev/", "/proc/", "/sys/", "/run/"];

    /// <summary>Throws <see cref="InputRefusedException"/> unless <paramref name="path"/> is a closed, non-empty regular file.</summary>
    public static void EnsureRecordedFile(string path)
    {
        var resolved = EnsureNotLive(path);
        var file = new FileInfo(resolved);
        if (!file.Exists)
        {
            throw new InputRefusedException(path, "does not exist");
        }

        // Pipes, sockets and character devices report a length of 0, like an empty file: none is a recording.
        if (file.Length == 0)
        {
            throw new InputRefusedException(path, "is empty or is not a regular file (pipe, socket or device); analysis is deferred-only (closed, recorded files)");
        }
    }

    /// <summary>
    /// Throws <see cref="InputRefusedException"/> when <paramref name="path"/> names a stream, a device or system file
    /// (directly or through a link) or a directory: what a job may never ask for. Returns the path with links resolved.
    /// Whether the file exists and holds anything is left to <see cref="EnsureRecordedFile"/>, checked file by file
    /// when the run reaches it.
    /// </summary>
    public static string EnsureNotLive(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var schemeEnd = path.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 || path.StartsWith("udp:", StringComparison.OrdinalIgnoreCase) || path.StartsWith("pipe:", StringComparison.OrdinalIgnoreCase))
        {
            var scheme = schemeEnd > 0 ? path[..schemeEnd] : path[..path.IndexOf(':', StringComparison.Ordinal)];
            throw new InputRefusedException(path, $"'{scheme}' is a stream, not a recorded file; analysis is deferred-only (closed, recorded files)");
        }

        var fullPath = Path.GetFullPath(path);
        var resolved = File.Exists(fullPath) || Directory.Exists(fullPath)
            ? File.ResolveLinkTarget(fullPath, returnFinalTarget: true)?.FullName ?? fullPath
            : fullPath;
        if (DevicePrefixes.Any(prefix => fullPath.StartsWith(prefix, StringComparison.Ordinal) || resolved.StartsWith(prefix, StringComparison.Ordinal)))
        {
            throw new InputRefusedException(path, "is a device or system file, not a recorded file; analysis is deferred-only (closed, recorded files)");
        }

        if (Directory.Exists(resolved))
        {
            throw new InputRefusedException(path, "is a directory; name video files (or use a glob in the job file)");
        }

        return resolved;
    }

    /// <summary>
    /// Throws <see cref="InputRefusedException"/> when <paramref name="path"/> was modified less than
    /// <paramref name="minimumAge"/> before <paramref name="now"/>: a recorder may still be writing it, which would make
    /// the analysis near-live and its result incomplete. Links are followed to the file they name.
    /// </summary>
    public static void EnsureSettled(string path, TimeSpan minimumAge, DateTimeOffset now)
    {
        var age = now - LastWritten(path);
        if (age < minimumAge)
        {
            throw new InputRefusedException(path, FormattableString.Invariant(
                $"was modified {Math.Max(0, age.TotalSeconds):0} s ago and may still be being written; analysis is deferred-only (inputs must be unchanged for {minimumAge.TotalSeconds:0} s)"));
        }
    }

    /// <summary>
    /// When the recording at <paramref name="path"/> was last written (UTC). A link's own time says nothing of the
    /// recording it points to: the file behind every link is looked at.
    /// </summary>
    public static DateTimeOffset LastWritten(string path)
    {
        var target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        return new DateTimeOffset(File.GetLastWriteTimeUtc(target), TimeSpan.Zero);
    }
}

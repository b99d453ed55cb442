namespace Analytics.Output.Writers;

/// <summary>
/// Writes a file under a temporary name in the same folder, flushes it to disk, then renames it over the final
/// name: readers see the old file or the whole new one, never half of it, whatever happens meanwhile.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Deletes the temporary files that runs killed mid-write left in <paramref name="directory"/> (their process is
    /// gone), and in its subfolders when <paramref name="depth"/> says so.
    /// </summary>
    public static void RemoveAbandoned(string directory, SearchOption depth = SearchOption.TopDirectoryOnly)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, ".*.tmp", depth))
        {
            var parts = Path.GetFileName(file).Split('.');
            if (parts.Length >= 4 && int.TryParse(parts[^3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid))
            {
                File.Delete(file);
            }
        }
    }

    public static async Task WriteAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        using var set = new AtomicFileSet();
        await set.StageAsync(path, write, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        set.Commit();
    }

    internal static string TemporaryName(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    internal static async Task WriteTemporaryAsync(string temporary, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await write(stream);
        await stream.FlushAsync(cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

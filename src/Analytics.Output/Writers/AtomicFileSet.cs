namespace Analytics.Output.Writers;

/// <summary>
/// Writes a set of files so that a failure part-way (disk full, no permission, a crash) leaves every old file as it
/// was: each is written and flushed under a temporary name first, and all are renamed over their final names (which
/// needs no space) only by <see cref="Commit"/>, in the order they were staged. Disposing without committing deletes
/// what was staged.
/// </summary>
public sealed class AtomicFileSet : IDisposable
{
    private readonly List<(string Temporary, string Path)> _staged = [];

    /// <summary>Writes a file of the set under a temporary name; returns that name (to read the content back, e.g. to hash it).</summary>
    public async Task<string> StageAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temporary = AtomicFile.TemporaryName(path);
        _staged.Add((temporary, path));
        await AtomicFile.WriteTemporaryAsync(temporary, write, cancellationToken);
        return temporary;
    }

    /// <summary>Renames every staged file over its final name.</summary>
    public void Commit()
    {
        foreach (var (temporary, path) in _staged)
        {
            File.Move(temporary, path, overwrite: true);
        }

        _staged.Clear();
    }

    public void Dispose()
    {
        foreach (var (temporary, _) in _staged)
        {
            File.Delete(temporary);
        }

        _staged.Clear();
    }
}

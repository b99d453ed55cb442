using System.Globalization;
using System.Text;

namespace Analytics.Runs.State;

/// <summary>
/// One run at a time on a state folder. The lock is a kernel lock (flock, taken by opening <c>lock</c> with no
/// sharing) that dies with its process, so a run killed by a crash, a reboot or <c>kill -9</c> never leaves the
/// folder locked. Beside it, <c>lock.owner</c> says who holds it (process, host, start); a run that finds that file
/// but gets the lock knows the previous run ended without releasing it, and says so.
/// </summary>
internal sealed class StateLock : IDisposable
{
    /// <summary>
    /// The HResult of the IOException .NET raises when another process holds the lock: the errno of flock (EWOULDBLOCK:
    /// 11 on Linux, 35 on macOS) on Unix, ERROR_SHARING_VIOLATION on Windows. Other failures (read-only, no space,
    /// permissions) are not a lock held by someone else.
    /// </summary>
    private static readonly int[] HeldByAnother = [11, 35, unchecked((int)0x80070020)];

    private readonly FileStream _lock;
    private readonly string _ownerPath;

    private StateLock(FileStream @lock, string ownerPath, string? staleOwner)
    {
        _lock = @lock;
        _ownerPath = ownerPath;
        StaleOwner = staleOwner;
    }

    /// <summary>Who held the lock before a crash (the text of the owner file it left), or null after a clean release.</summary>
    public string? StaleOwner { get; }

    /// <summary>Takes the lock or throws <see cref="StateLockedException"/> at once (never waits).</summary>
    public static StateLock Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        var lockPath = Path.Combine(directory, "lock");
        var ownerPath = Path.Combine(directory, "lock.owner");
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (HeldByAnother.Contains(e.HResult))
        {
            throw new StateLockedException(directory, ReadOwner(ownerPath));
        }

        var stale = ReadOwner(ownerPath);
        var owner = string.Create(CultureInfo.InvariantCulture, $"process {Environment.ProcessId} on {Environment.MachineName}, started {DateTimeOffset.Now:O}");
        try
        {
            File.WriteAllText(ownerPath, owner, Encoding.UTF8);
        }
        catch
        {
            stream.Dispose(); // the lock is released at once, not when the collector gets to it
            throw;
        }

        return new StateLock(stream, ownerPath, stale);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_ownerPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The state folder was moved, removed or made read-only under the run: the lock is released all the same,
            // and a note left behind only makes the next run say that this one did not finish.
            _ = e;
        }
        finally
        {
            _lock.Dispose();
        }
    }

    private static string? ReadOwner(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

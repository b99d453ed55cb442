using System.Diagnostics;

namespace Analytics.Runs.Tests.Support;

/// <summary>
/// Makes a folder and everything in it unwritable for this process until disposed: its write permissions removed
/// for an ordinary user, its immutable attribute set (<c>chattr -R +i</c>) for root, whom permissions do not stop.
/// Either way, creating, replacing or opening a file for writing there fails with "access denied" (EACCES or EPERM),
/// as on a read-only mount, and the folder is readable as before.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class ReadOnlyFolder : IDisposable
{
    private readonly string _path;
    private readonly bool _root = Environment.UserName == "root";

    public ReadOnlyFolder(string path)
    {
        _path = path;
        if (_root)
        {
            Chattr("+i");
        }
        else
        {
            foreach (var entry in Entries())
            {
                File.SetUnixFileMode(entry, File.GetUnixFileMode(entry) & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
            }
        }
    }

    public void Dispose()
    {
        if (_root)
        {
            Chattr("-i");
        }
        else
        {
            foreach (var entry in Entries())
            {
                File.SetUnixFileMode(entry, File.GetUnixFileMode(entry) | UnixFileMode.UserWrite);
            }
        }
    }

    private List<string> Entries() => Directory.EnumerateFileSystemEntries(_path, "*", SearchOption.AllDirectories).Prepend(_path).ToList();

    private void Chattr(string change)
    {
        var start = new ProcessStartInfo("chattr") { ArgumentList = { "-R", change, _path }, RedirectStandardError = true, UseShellExecute = false };
        using var chattr = Process.Start(start)!;
        var error = chattr.StandardError.ReadToEnd();
        chattr.WaitForExit();
        if (chattr.ExitCode != 0)
        {
            throw new InvalidOperationException($"cannot make {_path} read-only for root here (chattr {change}: {error.Trim()}); the file system must support the immutable attribute");
        }
    }
}

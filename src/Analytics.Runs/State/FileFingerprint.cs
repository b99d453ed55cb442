using MessagePack;

namespace Analytics.Runs.State;

/// <summary>What a file looks like without reading it: size, modification time and permissions (or that it is missing).</summary>
[MessagePackObject]
public sealed record FileFingerprint([property: Key(0)] long Size, [property: Key(1)] long ModifiedUtcTicks, [property: Key(2)] int Mode)
{
    public static readonly FileFingerprint Missing = new(-1, 0, 0);

    public static FileFingerprint Of(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return Missing;
        }

        return new FileFingerprint(info.Length, info.LastWriteTimeUtc.Ticks, OperatingSystem.IsWindows() ? 0 : (int)info.UnixFileMode);
    }
}

using System.Security.Cryptography;

namespace Analytics.Core.Integrity;

/// <summary>SHA-256 of files, as lower-case hex: the form used in manifests, run.json and the audit log.</summary>
public static class FileHash
{
    public static string Sha256Hex(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static async Task<string> Sha256HexAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>True when <paramref name="candidate"/> is 64 hex digits (either case).</summary>
    public static bool IsSha256Hex(string? candidate) =>
        candidate is { Length: 64 } && candidate.All(Uri.IsHexDigit);
}

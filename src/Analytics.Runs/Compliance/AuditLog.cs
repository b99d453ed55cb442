using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Analytics.Runs.Compliance;

/// <summary>
/// The accountability record: an append-only file of JSON lines, one per event of a run (started, finished,
/// failed, interrupted). Each line is <c>{"seq":n,"prev":P,"hash":H,"entry":{…}}</c> where
/// <c>H = SHA-256(P + "\n" + the entry's JSON text)</c> and <c>P</c> is the previous line's <c>H</c> (64 zeros for the
/// first). Editing an entry breaks its own hash; deleting, inserting or reordering lines breaks the chain.
/// (Rewriting the whole tail consistently is not detectable from the file alone: keep the last hash that
/// <c>audit verify</c> prints somewhere else, such as the host's log collector.)
/// </summary>
public static class AuditLog
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Appends <paramref name="entry"/> to the log at <paramref name="path"/> (created if absent), under an exclusive lock.</summary>
    public static async Task AppendAsync(string path, JsonObject entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                var (seq, prev) = LastLink(stream);
                var entryText = entry.ToJsonString(Compact);
                var line = new JsonObject
                {
                    ["seq"] = seq + 1,
                    ["prev"] = prev,
                    ["hash"] = Link(prev, entryText),
                    ["entry"] = JsonNode.Parse(entryText),
                }.ToJsonString(Compact);
                stream.Seek(0, SeekOrigin.End);
                await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
                return;
            }
            catch (IOException) when (attempt < 50)
            {
                await Task.Delay(100, cancellationToken); // another run is appending
            }
        }
    }

    /// <summary>Checks the whole chain. Returns the number of entries and the last hash, or the first broken line and why.</summary>
    public static AuditVerification Verify(string path) => Verify(File.ReadLines(path));

    private static AuditVerification Verify(IEnumerable<string> lines)
    {
        var prev = Genesis;
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                return AuditVerification.Broken(number, "empty line");
            }

            JsonElement root;
            try
            {
                root = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException e)
            {
                return AuditVerification.Broken(number, $"not JSON ({e.Message})");
            }

            if (!root.TryGetProperty("prev", out var linePrev) || !root.TryGetProperty("hash", out var lineHash) || !root.TryGetProperty("entry", out var entry)
                || !root.TryGetProperty("seq", out var seq) || !seq.TryGetInt64(out var seqValue))
            {
                return AuditVerification.Broken(number, "missing seq, prev, hash or entry");
            }

            if (seqValue != number)
            {
                return AuditVerification.Broken(number, $"sequence number {seqValue} where {number} was expected (an entry was deleted, inserted or moved)");
            }

            if (linePrev.GetString() != prev)
            {
                return AuditVerification.Broken(number, "its link to the previous entry does not match (an entry before it was edited, deleted or moved)");
            }

            var expected = Link(prev, entry.GetRawText());
            if (lineHash.GetString() != expected)
            {
                return AuditVerification.Broken(number, "its content does not match its hash (the entry was edited)");
            }

            prev = expected;
        }

        return AuditVerification.Intact(number, prev);
    }

    private static string Link(string prev, string entryText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prev + "\n" + entryText)));

    /// <summary>The sequence number and hash of the last line, read from the end of the file (an entry of any size).</summary>
    private static (long Seq, string Hash) LastLink(FileStream stream)
    {
        if (stream.Length == 0)
        {
            return (0, Genesis);
        }

        var (start, length) = LastLine(stream);
        var bytes = new byte[length];
        stream.Seek(start, SeekOrigin.Begin);
        stream.ReadExactly(bytes);
        try
        {
            var root = JsonDocument.Parse(bytes).RootElement;
            return (root.GetProperty("seq").GetInt64(), root.GetProperty("hash").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"the last line of the audit log {stream.Name} is not a valid entry ({e.Message}); its chain must be checked before anything is appended to it");
        }
    }

    /// <summary>
    /// Where the last line starts and how long it is (without its newline), found by reading backwards in blocks:
    /// an entry listing thousands of inputs can be larger than any fixed window.
    /// </summary>
    private static (long Start, int Length) LastLine(FileStream stream)
    {
        const int Block = 64 * 1024;
        var end = stream.Length;
        var buffer = new byte[Block];
        // Skip the newline that ends a complete last entry.
        stream.Seek(end - 1, SeekOrigin.Begin);
        if (stream.ReadByte() == '\n')
        {
            end--;
        }

        for (var position = end; position > 0;)
        {
            var count = (int)Math.Min(Block, position);
            position -= count;
            stream.Seek(position, SeekOrigin.Begin);
            stream.ReadExactly(buffer, 0, count);
            var newline = Array.LastIndexOf(buffer, (byte)'\n', count - 1, count);
            if (newline >= 0)
            {
                return (position + newline + 1, checked((int)(end - (position + newline + 1))));
            }
        }

        return (0, checked((int)end));
    }

    /// <summary>
    /// Mends a log whose last line was torn by a crash or a power cut while it was written (the chain before it
    /// intact, the last line not a valid entry): the torn bytes are moved to <c>LOG.torn-TIME</c> beside the log, and
    /// a <c>repaired</c> entry recording their length and SHA-256 is appended, so the repair itself is on the chain.
    /// Refuses (returns why) for any other damage: that is tampering or loss, for a person to look into.
    /// </summary>
    public static string? RepairTornTail(string path, JsonObject about)
    {
        ArgumentNullException.ThrowIfNull(about);
        byte[] torn;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            if (stream.Length == 0)
            {
                return "the log is empty: nothing to repair";
            }

            var (start, length) = LastLine(stream);
            torn = new byte[stream.Length - start];
            stream.Seek(start, SeekOrigin.Begin);
            stream.ReadExactly(torn);
            try
            {
                var root = JsonDocument.Parse(torn.AsMemory(0, length)).RootElement;
                _ = root.GetProperty("seq").GetInt64();
                _ = root.GetProperty("hash").GetString();
                return "its last line is a complete entry: nothing is torn";
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // torn, as expected
            }

            var before = VerifyPrefix(stream, start);
            if (!before.IsIntact)
            {
                return $"entry {before.BrokenLine}, before the last line, is broken too ({before.Reason}): this is not a torn write";
            }

            var aside = $"{path}.torn-{DateTimeOffset.UtcNow:yyyyMMdd'T'HHmmss'Z'}";
            File.WriteAllBytes(aside, torn);
            stream.SetLength(start);
            stream.Flush(flushToDisk: true);
            about["event"] = "repaired";
            about["torn_bytes"] = torn.Length;
            about["torn_sha256"] = Convert.ToHexStringLower(SHA256.HashData(torn));
            about["torn_kept_in"] = aside;
        }

        AppendAsync(path, about, CancellationToken.None).GetAwaiter().GetResult();
        return null;
    }

    /// <summary>The chain of the first <paramref name="length"/> bytes of the log (whole lines), read without copying the log.</summary>
    private static AuditVerification VerifyPrefix(FileStream stream, long length) => Verify(Lines(stream, length));

    private static IEnumerable<string> Lines(FileStream stream, long length)
    {
        stream.Seek(0, SeekOrigin.Begin);
        var line = new MemoryStream();
        var buffer = new byte[64 * 1024];
        for (var left = length; left > 0;)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            left -= read;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == '\n')
                {
                    yield return Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length);
                    line.SetLength(0);
                }
                else
                {
                    line.WriteByte(buffer[i]);
                }
            }
        }

        if (line.Length > 0)
        {
            yield return Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length);
        }
    }
}

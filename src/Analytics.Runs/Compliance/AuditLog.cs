using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;

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
    public static AuditVerification Verify(string path)
    {
        var prev = Genesis;
        var number = 0;
        foreach (var line in File.ReadLines(path))
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

    /// <summary>The sequence number and hash of the last line, read from the end of the file.</summary>
    private static (long Seq, string Hash) LastLink(FileStream stream)
    {
        if (stream.Length == 0)
        {
            return (0, Genesis);
        }

        var tail = (int)Math.Min(stream.Length, 1 << 20);
        var buffer = new byte[tail];
        stream.Seek(-tail, SeekOrigin.End);
        stream.ReadExactly(buffer);
        var text = Encoding.UTF8.GetString(buffer).TrimEnd('\n');
        var last = text[(text.LastIndexOf('\n') + 1)..];
        try
        {
            var root = JsonDocument.Parse(last).RootElement;
            return (root.GetProperty("seq").GetInt64(), root.GetProperty("hash").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"the last line of the audit log {stream.Name} is not a valid entry ({e.Message}); its chain must be checked before anything is appended to it");
        }
    }
}

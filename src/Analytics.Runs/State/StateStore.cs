using System.Globalization;
using Analytics.Output.Writers;
using Analytics.Runs.Jobs;
using MessagePack;
using MessagePack.Resolvers;

namespace Analytics.Runs.State;

/// <summary>
/// The files of a state folder (MessagePack, each written atomically: a crash leaves the old version or the new one):
/// <code>
/// state.msgpack                         purpose the state serves
/// analyses/KEY/analysis.msgpack         the AnalysisKey of the folder
/// analyses/KEY/SHA256-STARTTICKS.msgpack one InputRecord per input analysed (or being analysed) under it
/// failures.msgpack                      inputs that failed, with their fingerprints
/// shard.msgpack                         with --shard: the last run's shard, batch and inputs (read by the merge)
/// hashes.msgpack                        content hashes by path and fingerprint (saves re-reading unchanged files)
/// retired/...                           analyses replaced on request (--reanalyse), kept for the operator to delete
/// </code>
/// Only aggregates are stored (per-minute tallies): never a frame, a box, a track or a trajectory.
/// </summary>
internal sealed class StateStore : IDisposable
{
    public const int FormatVersion = 1;

    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(StandardResolver.Instance)
        .WithSecurity(MessagePackSecurity.UntrustedData);

    private readonly SemaphoreSlim _sharedFiles = new(1, 1);

    private StateStore(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    private string AnalysesDirectory => Path.Combine(Directory, "analyses");

    /// <summary>Opens (creating) a state folder whose lock the caller holds, and clears the temporary files a crash left.</summary>
    public static StateStore Open(string directory)
    {
        var store = new StateStore(directory);
        System.IO.Directory.CreateDirectory(store.AnalysesDirectory);
        AtomicFile.RemoveAbandoned(directory, SearchOption.AllDirectories);

        return store;
    }

    public StateHeader? ReadHeader() => ReadOrNull<StateHeader>(Path.Combine(Directory, "state.msgpack"));

    public Task WriteHeaderAsync(StateHeader header) => WriteAsync(Path.Combine(Directory, "state.msgpack"), header);

    /// <summary>Every analysis the folder holds, with its folder.</summary>
    public IReadOnlyList<(AnalysisKey Key, string Folder)> Analyses() =>
        System.IO.Directory.EnumerateDirectories(AnalysesDirectory)
            .Select(folder => (Key: Read<AnalysisKey>(Path.Combine(folder, "analysis.msgpack")), Folder: folder))
            .OrderBy(a => a.Folder, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The folder of <paramref name="key"/>'s analysis, created (or bound to its purpose) when needed;
    /// <paramref name="onDisk"/> is the key as <see cref="Analyses"/> read it, null when the folder has none yet.
    /// </summary>
    public async Task<string> EnsureAnalysisAsync(AnalysisKey key, AnalysisKey? onDisk)
    {
        ArgumentNullException.ThrowIfNull(key);
        var folder = Path.Combine(AnalysesDirectory, key.Id);
        var file = Path.Combine(folder, "analysis.msgpack");
        if (onDisk is null)
        {
            // New: bound to its purpose from the start (an existing one bound to none is refused when the state opens).
            System.IO.Directory.CreateDirectory(folder);
            await WriteAsync(file, key);
        }

        return folder;
    }

    /// <summary>The input records of one analysis, complete or not.</summary>
    public static IReadOnlyList<InputRecord> Records(string analysisFolder) =>
        System.IO.Directory.EnumerateFiles(analysisFolder, "*.msgpack")
            .Where(f => Path.GetFileName(f) != "analysis.msgpack")
            .Order(StringComparer.Ordinal)
            .Select(Read<InputRecord>)
            .ToList();

    public static string RecordPath(string analysisFolder, string sha256, DateTimeOffset start) =>
        Path.Combine(analysisFolder, string.Create(CultureInfo.InvariantCulture, $"{sha256}-{start.UtcTicks}.msgpack"));

    public static Task WriteRecordAsync(string analysisFolder, InputRecord record) =>
        WriteAsync(RecordPath(analysisFolder, record.Sha256, DateTimeOffset.Parse(record.RecordingStart, CultureInfo.InvariantCulture)), record);

    public static void DeleteRecord(string analysisFolder, InputRecord record) =>
        File.Delete(RecordPath(analysisFolder, record.Sha256, DateTimeOffset.Parse(record.RecordingStart, CultureInfo.InvariantCulture)));

    /// <summary>Moves an analysis out of the way (kept under retired/ with the time of the decision).</summary>
    public string Retire(string analysisFolder)
    {
        // Only at the start of a run, before anything is analysed: a failure here is reported as the state's.
        var retired = Path.Combine(Directory, "retired", DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        System.IO.Directory.CreateDirectory(retired);
        var target = Path.Combine(retired, Path.GetFileName(analysisFolder));
        System.IO.Directory.Move(analysisFolder, target);
        return target;
    }

    public ShardRecord? ReadShard() => ReadOrNull<ShardRecord>(Path.Combine(Directory, "shard.msgpack"));

    public Task WriteShardAsync(ShardRecord shard) => WriteAsync(Path.Combine(Directory, "shard.msgpack"), shard);

    public Dictionary<string, FailureRecord> ReadFailures() =>
        ReadOrNull<Dictionary<string, FailureRecord>>(Path.Combine(Directory, "failures.msgpack")) ?? new(StringComparer.Ordinal);

    public Dictionary<string, HashRecord> ReadHashes() =>
        ReadOrNull<Dictionary<string, HashRecord>>(Path.Combine(Directory, "hashes.msgpack")) ?? new(StringComparer.Ordinal);

    /// <summary>Saves the failures and the hash memory; snapshots are taken by the caller under its own lock.</summary>
    public async Task SaveSharedAsync(Dictionary<string, FailureRecord> failures, Dictionary<string, HashRecord> hashes)
    {
        await _sharedFiles.WaitAsync();
        try
        {
            await WriteAsync(Path.Combine(Directory, "failures.msgpack"), failures);
            await WriteAsync(Path.Combine(Directory, "hashes.msgpack"), hashes);
        }
        finally
        {
            _sharedFiles.Release();
        }
    }

    public void Dispose() => _sharedFiles.Dispose();

    private static T Read<T>(string path)
    {
        string? missing;
        T value;
        try
        {
            value = MessagePackSerializer.Deserialize<T>(File.ReadAllBytes(path), Options);
            missing = value is null ? "the whole record" : StateRecordShape.FirstMissing(value);
        }
        catch (Exception e) when (e is MessagePackSerializationException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw Damaged(path, e.GetBaseException().Message);
        }

        return missing is null ? value : throw Damaged(path, $"{missing} is missing");
    }

    private static StateException Damaged(string path, string why) =>
        new($"{path} is unreadable ({why}); the state folder is damaged: restore it from a backup, or delete this file to analyse its input again", StateProblem.Damaged);

    private static T? ReadOrNull<T>(string path)
        where T : class =>
        File.Exists(path) ? Read<T>(path) : null;

    // Never cancelled half-way: a record is written whole or not at all, even when the run is being interrupted.
    // A failure is the state's, not the input's: it must not be taken for a bad recording (and never retried).
    private static async Task WriteAsync<T>(string path, T value)
    {
        try
        {
            await AtomicFile.WriteAsync(path, stream => MessagePackSerializer.SerializeAsync(stream, value, Options), CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateWriteException($"the state file {path} cannot be written: {e.Message}", e);
        }
    }
}

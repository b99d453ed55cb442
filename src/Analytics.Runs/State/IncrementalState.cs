using System.Globalization;
using Analytics.Core.Integrity;
using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;
using Analytics.Vision.Video;
using Serilog;

namespace Analytics.Runs.State;

/// <summary>
/// The nightly state of a run (<c>--state</c>): which inputs were analysed under the job's current analysis keys
/// (by content hash and recording start, so a renamed file is not analysed again and a changed one is), the
/// checkpoints of files in progress, the inputs that failed and the fingerprints they failed with. Inputs no longer
/// on disk keep their statistics: the dataset only grows. Thread-safe: the run's workers share it.
/// </summary>
internal sealed class IncrementalState
{
    private readonly StateStore _store;
    private readonly ILogger _log;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (AnalysisKey Key, string Folder)> _analyses;
    private readonly Dictionary<(string Camera, string Sha256, long Start), InputRecord> _records = [];
    private readonly Dictionary<string, FailureRecord> _failures;
    private readonly Dictionary<string, HashRecord> _hashes;
    private readonly HashSet<(string Camera, string Sha256, long Start)> _seen = [];

    private IncrementalState(StateStore store, ILogger log, Dictionary<string, (AnalysisKey, string)> analyses)
    {
        _store = store;
        _log = log;
        _analyses = analyses;
        // A failed file deleted since is no longer anyone's concern; one that was missing already stays remembered as such.
        _failures = store.ReadFailures().Where(f => f.Value.Fingerprint == FileFingerprint.Missing || File.Exists(f.Key)).ToDictionary(StringComparer.Ordinal);
        // Remembered hashes of files that are gone serve nothing (their statistics live in the records).
        _hashes = store.ReadHashes().Where(h => File.Exists(h.Key)).ToDictionary(StringComparer.Ordinal);
        foreach (var (camera, (_, folder)) in analyses)
        {
            foreach (var record in StateStore.Records(folder))
            {
                _records[(camera, record.Sha256, Start(record).UtcTicks)] = record;
            }
        }
    }

    /// <summary>
    /// Opens the state for <paramref name="job"/>. Throws <see cref="StateException"/> when it was built for another
    /// purpose, or when a camera's analysis changed (lines, zones, masks, model, settings) and
    /// <paramref name="reanalyse"/> was not given: old and new results are never mixed.
    /// </summary>
    public static Task<IncrementalState> OpenAsync(StateStore store, Job job, string modelSha256, AnalysisOptions analysis, bool reanalyse, ILogger log) =>
        OpenAsync(store, job, _ => modelSha256, analysis, reanalyse, log);

    /// <summary>As above, each camera analysed with the model <paramref name="modelSha256Of"/> gives (the SHA-256 of its file).</summary>
    public static async Task<IncrementalState> OpenAsync(StateStore store, Job job, Func<CameraJob, string> modelSha256Of, AnalysisOptions analysis, bool reanalyse, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(modelSha256Of);
        var header = store.ReadHeader();
        var expected = new StateHeader(StateStore.FormatVersion, job.Purpose, job.LegalBasis, job.Controller, job.DecisionReference, DateTimeOffset.Now.ToString("O", CultureInfo.InvariantCulture));
        var all = store.Analyses();
        var purpose = AnalysisKey.PurposeOf(job);
        if (header is null && all.Count > 0)
        {
            throw new StateException(
                $"state folder {store.Directory} holds analyses but no state.msgpack saying which purpose they serve: restore it from a backup, or give this job a new state folder (data collected for one purpose is never reused for another)",
                StateProblem.Damaged);
        }

        if (header is null)
        {
            await store.WriteHeaderAsync(expected);
        }
        else if (header.FormatVersion != StateStore.FormatVersion)
        {
            throw new StateException($"state folder {store.Directory} has format {header.FormatVersion}; this version reads format {StateStore.FormatVersion}", StateProblem.Damaged);
        }
        else if ((header.Purpose, header.LegalBasis, header.Controller, header.DecisionReference) != (job.Purpose, job.LegalBasis, job.Controller, job.DecisionReference))
        {
            throw new StateException(
                $"state folder {store.Directory} holds statistics collected for \"{header.Purpose}\" ({header.Controller}, {header.DecisionReference}); " +
                $"this job declares \"{job.Purpose}\" ({job.Controller}, {job.DecisionReference}). Data collected for one purpose is not reused for another: give this job its own state folder", StateProblem.OtherPurpose);
        }

        if (all.FirstOrDefault(a => a.Key.Purpose is { } bound && bound != purpose) is { Folder: { } foreign })
        {
            throw new StateException(
                $"state folder {store.Directory} holds results collected for another purpose ({foreign}), whatever its state.msgpack says: data collected for one purpose is not reused for another; give this job its own state folder",
                StateProblem.OtherPurpose);
        }

        var keys = job.Cameras.ToDictionary(c => c.Id, c => AnalysisKey.For(c, modelSha256Of(c), analysis) with { Purpose = purpose }, StringComparer.Ordinal);
        if (all.FirstOrDefault(a => a.Key.Purpose is null && keys.Values.Any(k => k.Id == a.Key.Id)) is { Folder: { } unbound })
        {
            // Every analysis of this version is written bound to its purpose: one bound to none was altered.
            throw new StateException(
                $"state folder {store.Directory} holds results bound to no purpose ({unbound}): they are not reused for any; give this job its own state folder, or restore the state from a backup",
                StateProblem.OtherPurpose);
        }

        var stale = all.Where(a => keys.TryGetValue(a.Key.CameraId, out var key) && a.Key.Id != key.Id)
            .Select(a => (a.Key, a.Folder, Records: StateStore.Records(a.Folder).Where(r => r.Complete).ToList())).ToList();

        // Nothing changes in the state until the job is known to fit it.
        var problems = new List<string>();
        foreach (var (old, folder, records) in stale.Where(s => s.Records.Count > 0 && !reanalyse))
        {
            var gone = records.Count(r => !File.Exists(r.Path));
            problems.Add($"camera {old.CameraId}: {records.Count} input(s) in the state were analysed with other settings ({string.Join("; ", keys[old.CameraId].DifferencesFrom(old))})" +
                (gone > 0 ? $"; {gone} of them are no longer on disk: re-analysed, their statistics would leave the dataset." : "."));
        }

        if (problems.Count > 0)
        {
            throw new StateException(problems, StateProblem.AnalysisChanged);
        }

        foreach (var (old, folder, records) in stale)
        {
            if (records.Count == 0)
            {
                Directory.Delete(folder, recursive: true); // only checkpoints of an analysis given up: nothing to keep
                continue;
            }

            var retired = store.Retire(folder);
            log.Warning("Camera {Camera}: analysis changed ({Changes:l}); {Count} input(s) analysed before will be analysed again, {Gone} of them no longer on disk leave the dataset; the old results are kept in {Retired}",
                old.CameraId, string.Join("; ", keys[old.CameraId].DifferencesFrom(old)), records.Count, records.Count(r => !File.Exists(r.Path)), retired);
        }

        var current = new Dictionary<string, (AnalysisKey, string)>(StringComparer.Ordinal);
        foreach (var (camera, key) in keys)
        {
            current[camera] = (key, await store.EnsureAnalysisAsync(key, all.FirstOrDefault(a => a.Key.Id == key.Id).Key));
        }

        foreach (var orphan in all.Where(a => job.Cameras.All(c => c.Id != a.Key.CameraId)).GroupBy(a => a.Key.CameraId))
        {
            log.Warning("The state holds analyses of camera {Camera}, which the job no longer has; they are left out of the outputs", orphan.Key);
        }

        return new IncrementalState(store, log, current);
    }

    /// <summary>
    /// Decides what to do with an input: hashing it unless its fingerprint is unchanged since it was last hashed.
    /// Throws <see cref="InputRefusedException"/> when it is no recording (missing, empty, a pipe).
    /// </summary>
    public async Task<InputPlan> PlanAsync(JobInput input, CancellationToken cancellationToken)
    {
        var fingerprint = FileFingerprint.Of(input.Path);
        FailureRecord? failure;
        lock (_lock)
        {
            failure = _failures.GetValueOrDefault(input.Path);
        }

        if (failure is not null && failure.Fingerprint == fingerprint && !BecameReadable(failure, input.Path))
        {
            return new InputPlan.Known(FileOutcome.Failed(input, $"{failure.Reason} (unchanged since it failed on {failure.When}; retried once the file changes)", failure.Kind) with { FromState = true });
        }

        DeferredInputPolicy.EnsureRecordedFile(input.Path);
        string? sha256;
        lock (_lock)
        {
            sha256 = _hashes.TryGetValue(input.Path, out var known) && known.Fingerprint == fingerprint ? known.Sha256 : null;
        }

        if (sha256 is null)
        {
            sha256 = await FileHash.Sha256HexAsync(input.Path, cancellationToken);
            lock (_lock)
            {
                _hashes[input.Path] = new HashRecord(fingerprint, sha256);
            }
        }

        var id = (input.CameraId, sha256, input.Start.UtcTicks);
        InputRecord? record;
        lock (_lock)
        {
            _seen.Add(id);
            record = _records.GetValueOrDefault(id);
        }

        if (record is { Complete: true })
        {
            if (record.Path != input.Path && File.Exists(record.Path))
            {
                // A copy under another name, the original still there: the same recording, counted once.
                return new InputPlan.Duplicate(sha256, record.Path, Start(record));
            }

            if (record.Path != input.Path)
            {
                // Same content under another name (the file was renamed or moved): the same recording, not a new one.
                record = record with { Path = input.Path };
                await StateStore.WriteRecordAsync(_analyses[input.CameraId].Folder, record);
                lock (_lock)
                {
                    _records[id] = record;
                }
            }

            RemoveReplaced(input, sha256); // in case a crash came between saving this record and removing the one it replaced
            return new InputPlan.Known(Outcome(record));
        }

        InputRecord? sameContent;
        lock (_lock)
        {
            sameContent = _records.Values.Where(r => r.Complete && r.CameraId == input.CameraId && r.Sha256 == sha256).OrderBy(r => r.RecordingStart, StringComparer.Ordinal).FirstOrDefault();
        }

        if (sameContent is not null)
        {
            // The same content already counted at another start (renamed so that the start read from its name changed).
            return new InputPlan.Duplicate(sha256, sameContent.Path, Start(sameContent));
        }

        var resume = record is null ? null : new FileCheckpoint(record.WindowsDone, record.Contribution.ToContribution(), record.FramesAnalysed);
        return new InputPlan.Analyse(sha256, resume, fingerprint);
    }

    /// <summary>Saves what is done of a file in progress; called at each of its checkpoints.</summary>
    public Task CheckpointAsync(JobInput input, string sha256, FileCheckpoint checkpoint) =>
        SaveAsync(input, sha256, checkpoint.WindowsDone, checkpoint.Contribution, checkpoint.FramesAnalysed, 0, complete: false);

    /// <summary>
    /// Records a file analysed to its end, or up to where its decoding failed (<see cref="InputStatus.Partial"/>: kept
    /// as it is until the file changes); an earlier analysis of another content at the same path is replaced.
    /// </summary>
    public async Task CompletedAsync(JobInput input, FileOutcome outcome)
    {
        await SaveAsync(input, outcome.Sha256!, 0, outcome.Contribution!, outcome.FramesAnalysed, outcome.FramesDecoded, complete: true,
            decodingStopped: outcome.Status == InputStatus.Partial ? outcome.Error : null);
        lock (_lock)
        {
            _failures.Remove(input.Path);
        }

        RemoveReplaced(input, outcome.Sha256!);
        await SaveSharedAsync();
    }

    /// <summary>Records a failure with the file's fingerprint: the next run retries it only if the file has changed.</summary>
    public Task FailedAsync(JobInput input, FileFingerprint fingerprint, FileOutcome failed)
    {
        lock (_lock)
        {
            _failures[input.Path] = new FailureRecord(input.Path, fingerprint, failed.Error!, Now()) { Kind = failed.FailureKind };
        }

        return SaveSharedAsync();
    }

    /// <summary>Inputs analysed in earlier runs that this run did not meet (moved away, deleted by retention): they stay in the dataset.</summary>
    public IReadOnlyList<FileOutcome> EarlierInputs()
    {
        lock (_lock)
        {
            return _records.Where(r => r.Value.Complete && !_seen.Contains(r.Key)).Select(r => Outcome(r.Value)).ToList();
        }
    }

    public Task SaveSharedAsync()
    {
        Dictionary<string, FailureRecord> failures;
        Dictionary<string, HashRecord> hashes;
        lock (_lock)
        {
            failures = new Dictionary<string, FailureRecord>(_failures, StringComparer.Ordinal);
            hashes = new Dictionary<string, HashRecord>(_hashes, StringComparer.Ordinal);
        }

        return _store.SaveSharedAsync(failures, hashes);
    }

    private async Task SaveAsync(
        JobInput input, string sha256, int windowsDone, Core.Aggregation.FileContribution contribution, long framesAnalysed, long framesDecoded, bool complete, string? decodingStopped = null)
    {
        var record = new InputRecord(input.CameraId, sha256, input.Start.ToString("O", CultureInfo.InvariantCulture), input.Path, complete, windowsDone,
            framesAnalysed, framesDecoded, ContributionRecord.From(contribution), Now()) { DecodingStopped = decodingStopped };
        await StateStore.WriteRecordAsync(_analyses[input.CameraId].Folder, record);
        lock (_lock)
        {
            _records[(input.CameraId, sha256, input.Start.UtcTicks)] = record;
        }
    }

    /// <summary>Earlier analyses of another content at the input's path: the file was replaced, so are its statistics.</summary>
    private void RemoveReplaced(JobInput input, string sha256)
    {
        var folder = _analyses[input.CameraId].Folder;
        List<InputRecord> replaced;
        lock (_lock)
        {
            replaced = _records.Values.Where(r => r.CameraId == input.CameraId && r.Path == input.Path && r.Sha256 != sha256).ToList();
            foreach (var old in replaced)
            {
                _records.Remove((old.CameraId, old.Sha256, Start(old).UtcTicks));
            }
        }

        foreach (var old in replaced)
        {
            StateStore.DeleteRecord(folder, old);
            _log.Warning("{File} changed since it was analysed on {When}: its earlier statistics are replaced by the new analysis", input.Path, old.Updated);
        }
    }

    /// <summary>A complete record as the outcome of an input taken from the state: analysed, or up to where its decoding failed.</summary>
    internal static FileOutcome Outcome(InputRecord record)
    {
        var contribution = record.Contribution.ToContribution();
        var outcome = record.DecodingStopped is { } stopped
            ? FileOutcome.PartlyAnalysed(record.CameraId, record.Path, Start(record), record.Sha256, contribution, $"{stopped} (unchanged since it was analysed on {record.Updated}; retried once the file changes)")
            : FileOutcome.Analysed(record.CameraId, record.Path, Start(record), record.Sha256, contribution);
        return outcome with
        {
            FramesDecoded = record.FramesDecoded,
            FramesAnalysed = record.FramesAnalysed,
            FromState = true,
        };
    }

    /// <summary>When something happened, as written in the state and shown to operators.</summary>
    private static string Now() => DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset Start(InputRecord record) => DateTimeOffset.Parse(record.RecordingStart, CultureInfo.InvariantCulture);

    /// <summary>A file that could not be read counts as changed once it can be (permissions mended without a new fingerprint).</summary>
    private static bool BecameReadable(FailureRecord failure, string path)
    {
        // Records written before failures had a kind say it only in their reason.
        var denied = failure.Kind == FailureKind.AccessDenied
            || (failure.Kind == FailureKind.Unknown && failure.Reason.Contains("denied", StringComparison.OrdinalIgnoreCase));
        if (!denied)
        {
            return false;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

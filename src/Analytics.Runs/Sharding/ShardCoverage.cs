using System.Globalization;
using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;
using Analytics.Runs.State;

namespace Analytics.Runs.Sharding;

/// <summary>
/// Puts the shards' states together as one run over the whole job would have seen it. Each input the job lists now
/// is looked up in the state of the shard it is assigned to; the same content (camera and SHA-256) is counted once,
/// whichever states hold it (after N changed between nights, or a file was moved to another shard's share): the copy
/// with the earliest recording start counts, as in one run, and a copy listed now is refused as a duplicate. Inputs
/// analysed on earlier nights and no longer listed stay in the statistics, as with one state.
/// </summary>
internal static class ShardCoverage
{
    /// <param name="shards">One finished or unfinished state per shard index given (checked by the caller).</param>
    /// <param name="count">N, the shard count of every state.</param>
    public static MergePlan Plan(Job job, IReadOnlyList<ShardState> shards, int count)
    {
        var byIndex = shards.ToDictionary(s => s.Record.Index);
        var entries = shards.ToDictionary(
            s => s.Record.Index,
            s => s.Record.Finished is null ? [] : s.Record.Inputs.ToDictionary(i => (i.CameraId, i.Path, i.StartUtcTicks)));
        var files = new List<FileOutcome>();
        var missing = new List<string>();
        var late = new List<string>();
        foreach (var input in job.Cameras.SelectMany(c => c.Inputs))
        {
            var index = ShardAssignment.ShardOf(input, count);
            var where = string.Create(CultureInfo.InvariantCulture, $"shard {index}/{count}");
            if (!byIndex.TryGetValue(index, out var shard))
            {
                Gap(input, $"{where}: no state was given for it");
                continue;
            }

            if (entries[index].TryGetValue((input.CameraId, input.Path, input.Start.UtcTicks), out var entry))
            {
                files.Add(Outcome(entry, shard, input.JsonPath));
                continue;
            }

            if (shard.Record.Finished is not null && ModifiedAfter(input.Path, shard.Record.ListedUtcTicks))
            {
                late.Add($"{input.Path} (camera {input.CameraId}) appeared after {where} listed the job's inputs at {ShardLedger.Listed(shard.Record)}: it is for the next run");
                continue;
            }

            // A shard that did not finish may still have analysed the file to its end: what is there is used (with --allow-partial).
            if (shard.Records.FirstOrDefault(r => r.CameraId == input.CameraId && r.Path == input.Path && Start(r).UtcTicks == input.Start.UtcTicks) is { } done)
            {
                files.Add(Earlier(done));
                if (shard.Record.Finished is null)
                {
                    missing.Add($"{input.Path} (camera {input.CameraId}) was analysed by {shard.Name}, whose last run did not finish");
                }

                continue;
            }

            Gap(input, shard.Record.Finished is null
                ? $"{shard.Name}: its last run did not finish (killed, interrupted or still running)"
                : $"{shard.Name}: its last run (inputs listed at {ShardLedger.Listed(shard.Record)}) did not cover it");
        }

        foreach (var unusable in job.Unusable)
        {
            // Reported from the job file itself, as by the shard it is assigned to and by one run over the job.
            files.Add(FileOutcome.Failed(new JobInput(unusable.CameraId, unusable.Path, DateTimeOffset.MinValue, unusable.JsonPath), unusable.Reason, FailureKind.Content));
        }

        return new MergePlan(CountEachContentOnce(files, shards, job), missing, late);

        void Gap(JobInput input, string why)
        {
            missing.Add($"{input.Path} (camera {input.CameraId}) is not covered: {why}");
            files.Add(FileOutcome.Failed(input, $"{input.Path}: not analysed (a coverage gap): {why}", FailureKind.Unknown));
        }
    }

    /// <summary>
    /// The same content is counted once per camera: among the analysed copies listed now and the earlier inputs of
    /// every state, the one with the earliest recording start (then path) counts; a later copy listed now is refused
    /// as a duplicate, a later earlier input is left out. An earlier input at a path whose content is listed now with
    /// another content was replaced.
    /// </summary>
    private static List<FileOutcome> CountEachContentOnce(List<FileOutcome> listed, IReadOnlyList<ShardState> shards, Job job)
    {
        var current = listed.Where(f => f.Contributes).Select(f => (f.CameraId, f.Sha256!, f.RecordingStart.UtcTicks)).ToHashSet();
        var listedPaths = listed.Where(f => f.Sha256 is not null).ToDictionary(f => (f.CameraId, f.Path), f => f.Sha256!);
        var cameras = job.Cameras.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var earlier = new Dictionary<(string, string, long), FileOutcome>();
        foreach (var record in shards.SelectMany(s => s.Records))
        {
            var key = (record.CameraId, record.Sha256, Start(record).UtcTicks);
            var replaced = listedPaths.TryGetValue((record.CameraId, record.Path), out var now) && now != record.Sha256;
            if (cameras.Contains(record.CameraId) && !current.Contains(key) && !replaced)
            {
                earlier.TryAdd(key, Earlier(record));
            }
        }

        var result = listed.Where(f => !f.Contributes).ToList();
        foreach (var content in listed.Where(f => f.Contributes).Select(f => (File: f, Listed: true)).Concat(earlier.Values.Select(f => (File: f, Listed: false)))
            .GroupBy(f => (f.File.CameraId, f.File.Sha256)))
        {
            var ordered = content.OrderBy(f => f.File.RecordingStart).ThenBy(f => f.File.Path, StringComparer.Ordinal).ThenBy(f => f.Listed ? 0 : 1).ToList();
            var counted = ordered[0].File;
            result.Add(counted);
            foreach (var (copy, isListed) in ordered.Skip(1))
            {
                if (isListed && !(copy.Path == counted.Path && copy.RecordingStart == counted.RecordingStart))
                {
                    var error = $"{copy.Path}: same content (SHA-256 {copy.Sha256![..12]}…) as {counted.Path}, recorded {copy.RecordingStart:yyyy-MM-dd HH:mm zzz}, already counted for camera {copy.CameraId}: a copy is never counted twice";
                    result.Add(FileOutcome.Refused(new JobInput(copy.CameraId, copy.Path, copy.RecordingStart, ""), error) with { Sha256 = copy.Sha256 });
                }
            }
        }

        return result.OrderBy(o => o.RecordingStart).ThenBy(o => o.Path, StringComparer.Ordinal).ToList();
    }

    private static FileOutcome Outcome(ShardInputRecord entry, ShardState shard, string jsonPath)
    {
        var start = ShardLedger.Start(entry);
        var input = new JobInput(entry.CameraId, entry.Path, start, jsonPath);
        var status = (InputStatus)entry.Status;
        if (status is InputStatus.Analysed or InputStatus.Partial)
        {
            var record = shard.Records.FirstOrDefault(r => r.CameraId == entry.CameraId && r.Sha256 == entry.Sha256 && Start(r).UtcTicks == entry.StartUtcTicks)
                ?? throw new StateException($"{shard.Name}: {entry.Path} is recorded as analysed, but its statistics are not in the state folder: the state is damaged; run the shard again", StateProblem.Damaged);
            var contribution = record.Contribution.ToContribution();
            var analysed = status == InputStatus.Partial
                ? FileOutcome.PartlyAnalysed(entry.CameraId, entry.Path, start, entry.Sha256!, contribution, entry.Error ?? "")
                : FileOutcome.Analysed(entry.CameraId, entry.Path, start, entry.Sha256!, contribution);
            return analysed with
            {
                FramesDecoded = entry.FramesDecoded,
                FramesAnalysed = entry.FramesAnalysed,
                FramesResumed = entry.FramesResumed,
                ResumedFrom = entry.ResumedFromSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                WallSeconds = entry.WallSeconds,
                FromState = entry.FromState,
            };
        }

        var failed = status == InputStatus.Refused ? FileOutcome.Refused(input, entry.Error ?? "") : FileOutcome.Failed(input, entry.Error ?? "", (FailureKind)entry.FailureKind);
        return failed with { Sha256 = entry.Sha256, FromState = entry.FromState, WallSeconds = entry.WallSeconds, FailureKind = (FailureKind)entry.FailureKind };
    }

    /// <summary>An input taken from a state as it was analysed then (as <see cref="IncrementalState"/> does).</summary>
    private static FileOutcome Earlier(InputRecord record) => IncrementalState.Outcome(record);

    private static DateTimeOffset Start(InputRecord record) => DateTimeOffset.Parse(record.RecordingStart, CultureInfo.InvariantCulture);

    private static bool ModifiedAfter(string path, long utcTicks)
    {
        try
        {
            return File.Exists(path) && File.GetLastWriteTimeUtc(path).Ticks > utcTicks;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

using System.Globalization;

namespace Analytics.Runs.Sharding;

/// <summary>
/// Shard <see cref="Index"/> (0-based) of <see cref="Count"/>: which part of a job's inputs one process analyses
/// (<c>--shard K/N</c>), and the batch it belongs to when the engine that started it says so (a Slurm array's job id,
/// a Kubernetes Job's uid): the merge takes only shards of one batch together.
/// </summary>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>More shards than this is a typo, not a cluster.</summary>
    public const int MaxCount = 100_000;

    /// <summary>The environment variable giving the shard count of a Kubernetes Indexed Job (set from the Job's spec).</summary>
    public const string CountVariable = "ANALYTICS_SHARD_COUNT";

    /// <summary>The environment variable naming the batch, overriding what the engine says (a shard run again by hand).</summary>
    public const string BatchVariable = "ANALYTICS_BATCH";

    /// <summary>The run of the engine this shard belongs to; null when it was started by hand with K/N.</summary>
    public string? Batch { get; init; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>Parses <c>K/N</c>; null and a reason when it is not one.</summary>
    public static ShardSpec? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return Checked(index, count, $"{text}", out problem);
        }

        problem = $"'{text}' is not K/N (shard K, counted from 0, of N), nor auto";
        return null;
    }

    /// <summary>
    /// The shard the engine running this process says it is: a Slurm job array (<c>SLURM_ARRAY_TASK_ID</c> from
    /// <c>SLURM_ARRAY_TASK_MIN</c>, <c>SLURM_ARRAY_TASK_COUNT</c> tasks, batch <c>SLURM_ARRAY_JOB_ID</c>) or a
    /// Kubernetes Indexed Job (<c>JOB_COMPLETION_INDEX</c>, the count in <see cref="CountVariable"/>, the batch in
    /// <see cref="BatchVariable"/>). Null and a reason when neither is there or what is there does not add up.
    /// </summary>
    public static ShardSpec? FromEnvironment(Func<string, string?> variable, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var batch = variable(BatchVariable) is { Length: > 0 } given ? given : null;
        if (variable("SLURM_ARRAY_TASK_ID") is { Length: > 0 } task)
        {
            var min = variable("SLURM_ARRAY_TASK_MIN") ?? "0";
            var max = variable("SLURM_ARRAY_TASK_MAX");
            var step = variable("SLURM_ARRAY_TASK_STEP") ?? "1";
            var countText = variable("SLURM_ARRAY_TASK_COUNT");
            if (!(Number(task) is { } id && Number(min) is { } first && Number(countText) is { } count))
            {
                problem = $"the Slurm array variables do not make a shard (SLURM_ARRAY_TASK_ID={task}, SLURM_ARRAY_TASK_MIN={min}, SLURM_ARRAY_TASK_COUNT={countText ?? "unset"})";
                return null;
            }

            if (step != "1" || (Number(max) is { } last && last - first + 1 != count))
            {
                problem = $"the Slurm array must be one range of consecutive task ids (e.g. --array=0-{count - 1}), so that its tasks are the shards 0 to {count - 1}; this one has ids {min} to {max ?? "?"} by {step} for {count} tasks";
                return null;
            }

            return Checked(id - first, count, $"Slurm array task {task}", out problem) is { } shard ? shard with { Batch = batch ?? variable("SLURM_ARRAY_JOB_ID") } : null;
        }

        if (variable("JOB_COMPLETION_INDEX") is { Length: > 0 } completion)
        {
            if (!(Number(completion) is { } index && Number(variable(CountVariable)) is { } count))
            {
                problem = $"a Kubernetes Indexed Job gives JOB_COMPLETION_INDEX={completion}, but the shard count is not in {CountVariable} (set it to the Job's completions; it is {variable(CountVariable) ?? "unset"})";
                return null;
            }

            return Checked(index, count, $"Kubernetes completion index {completion}", out problem) is { } shard ? shard with { Batch = batch } : null;
        }

        problem = $"the shard from the environment needs a Slurm job array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX and {CountVariable}); neither is set";
        return null;
    }

    private static ShardSpec? Checked(int index, int count, string what, out string? problem)
    {
        if (count is < 1 or > MaxCount || index < 0 || index >= count)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"{what}: shard {index} of {count} does not exist (shards are 0 to N-1, with N from 1 to {MaxCount})");
            return null;
        }

        problem = null;
        return new ShardSpec(index, count);
    }

    private static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}

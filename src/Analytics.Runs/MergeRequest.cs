using Analytics.Runs.Dataset;
using Analytics.Runs.Jobs;

namespace Analytics.Runs;

/// <summary>A merge of the shards' states of a job into its dataset, as one run over the whole job would write it.</summary>
/// <param name="JobPath">The job file the shards ran.</param>
/// <param name="StateDirectories">One state folder per shard.</param>
/// <param name="OutputDirectory">The folder the dataset and run.json are written to.</param>
public sealed record MergeRequest(string JobPath, IReadOnlyList<string> StateDirectories, string OutputDirectory)
{
    /// <summary>Write what the states hold even when shards or inputs are missing; what is missing is reported as coverage gaps.</summary>
    public bool AllowPartial { get; init; }

    public OutputLayout Layout { get; init; } = OutputLayout.Flat;

    /// <summary>The append-only audit log; null for <c>audit.jsonl</c> in the output folder.</summary>
    public string? AuditLogPath { get; init; }

    /// <summary>The code the front end reports for each outcome, recorded in the audit log with it; null records none.</summary>
    public Func<RunOutcome, int>? ExitCodeOf { get; init; }

    public string AuditLog => AuditLogPath ?? Path.Combine(OutputDirectory, "audit.jsonl");

    public IEnumerable<SettingProblem> Validate()
    {
        if (StateDirectories.Count == 0)
        {
            yield return new SettingProblem(nameof(StateDirectories), "names no state folder");
        }

        foreach (var missing in StateDirectories.Where(d => !Directory.Exists(d)))
        {
            yield return new SettingProblem(nameof(StateDirectories), $"{missing} is not a folder (a shard's --state folder)");
        }

        foreach (var twice in StateDirectories.GroupBy(d => Path.GetFullPath(d).TrimEnd('/'), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return new SettingProblem(nameof(StateDirectories), $"{twice.Key} is given {twice.Count()} times");
        }

        if (File.Exists(OutputDirectory))
        {
            yield return new SettingProblem(nameof(OutputDirectory), $"{OutputDirectory} is a file, not a folder");
        }

        if (Directory.Exists(AuditLog))
        {
            yield return new SettingProblem(nameof(AuditLogPath), $"{AuditLog} is a folder, not a log file");
        }
    }
}

using Analytics.Runs.Dataset;
using Analytics.Runs.Jobs;
using Analytics.Runs.Sharding;

namespace Analytics.Runs;

/// <summary>One run of a job file: what to analyse, with which options, and where the statistics go.</summary>
/// <param name="JobPath">The job file (JSON).</param>
/// <param name="OutputDirectory">
/// The folder the dataset and run.json are written to (created; earlier outputs are replaced atomically); null for a
/// shard that only records its work in its state, for the merge.
/// </param>
public sealed record RunRequest(string JobPath, string? OutputDirectory)
{
    /// <summary>Analyse only this shard's part of the job's inputs (needs a state folder, which the merge reads); null for all of them.</summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>How the tables are laid out in the output folder.</summary>
    public OutputLayout Layout { get; init; } = OutputLayout.Flat;

    /// <summary>What changes the statistics (part of each camera's analysis key).</summary>
    public AnalysisOptions Analysis { get; init; } = new();

    /// <summary>How the run is carried out.</summary>
    public ExecutionOptions Execution { get; init; } = new();

    /// <summary>The append-only audit log; null for <c>audit.jsonl</c> in the output folder.</summary>
    public string? AuditLogPath { get; init; }

    /// <summary>With a state folder: analyse again the inputs of cameras whose analysis changed, retiring the old results.</summary>
    public bool Reanalyse { get; init; }

    /// <summary>The code the front end reports for each outcome, recorded in the audit log with it; null records none.</summary>
    public Func<RunOutcome, int>? ExitCodeOf { get; init; }

    /// <summary>
    /// Every camera analysed with the run's model, whatever model the job names for it (<see cref="CameraJob.Model"/>):
    /// the accuracy suite's <c>--model</c>, to compare models on the same footage.
    /// </summary>
    public bool OneModel { get; init; }

    /// <summary>The audit log this run appends to: by default in the output folder, or in the state folder of a shard writing no outputs.</summary>
    public string AuditLog => AuditLogPath ?? Path.Combine(OutputDirectory ?? Execution.StateDirectory ?? ".", "audit.jsonl");

    /// <summary>Every problem of the request itself, before anything is opened.</summary>
    public IEnumerable<SettingProblem> Validate()
    {
        foreach (var problem in Analysis.Validate().Concat(Execution.Validate()))
        {
            yield return problem;
        }

        if (Reanalyse && Execution.StateDirectory is null)
        {
            yield return new SettingProblem(nameof(Reanalyse), "only has a meaning with a state folder");
        }

        if (Shard is not null && Execution.StateDirectory is null)
        {
            yield return new SettingProblem(nameof(Shard), "needs a state folder: the merge reads what each shard analysed from its state");
        }

        if (OutputDirectory is null && Shard is null)
        {
            yield return new SettingProblem(nameof(OutputDirectory), "is required (only a shard may run without one: it records its work in its state for the merge)");
        }

        // Folders the run writes into must be folders (or not exist yet).
        if (OutputDirectory is not null && File.Exists(OutputDirectory))
        {
            yield return new SettingProblem(nameof(OutputDirectory), $"{OutputDirectory} is a file, not a folder");
        }

        if (Execution.StateDirectory is { } state && File.Exists(state))
        {
            yield return new SettingProblem(nameof(ExecutionOptions.StateDirectory), $"{state} is a file, not a folder");
        }

        if (Directory.Exists(AuditLog))
        {
            yield return new SettingProblem(nameof(AuditLogPath), $"{AuditLog} is a folder, not a log file");
        }
    }
}

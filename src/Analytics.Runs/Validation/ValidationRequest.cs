using Analytics.Runs.Jobs;

namespace Analytics.Runs.Validation;

/// <summary>A comparison of a job's counts with the truth.</summary>
/// <param name="JobPath">The job file: its cameras, lines and bins are the ones the truth is read with.</param>
/// <param name="TruthPath">Manual counts (the layout of counts.csv) or annotated tracks (MOT).</param>
public sealed record ValidationRequest(string JobPath, string TruthPath)
{
    /// <summary>A folder holding the run's counts.csv; null to analyse the job now, into a temporary folder.</summary>
    public string? ResultsDirectory { get; init; }

    /// <summary>How a tracks file maps onto the job (ignored for manual counts).</summary>
    public TrackTruthOptions Tracks { get; init; } = new();

    /// <summary>The analysis options of a run made for the comparison.</summary>
    public AnalysisOptions Analysis { get; init; } = new();

    /// <summary>How a run made for the comparison is carried out.</summary>
    public ExecutionOptions Execution { get; init; } = new();

    /// <summary>The audit log a run made for the comparison is recorded in; null keeps it in the temporary folder, removed with it.</summary>
    public string? AuditLogPath { get; init; }

    /// <summary>The code the front end reports for each outcome of a run made for the comparison (recorded in its audit log).</summary>
    public Func<RunOutcome, int>? ExitCodeOf { get; init; }

    /// <summary>The allowed total absolute error in percent, recorded in the report; null for none.</summary>
    public double? MaxErrorPercent { get; init; }
}

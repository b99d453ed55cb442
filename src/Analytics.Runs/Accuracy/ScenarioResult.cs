using Analytics.Runs.Validation;

namespace Analytics.Runs.Accuracy;

/// <summary>
/// One scenario measured at one analysis rate: its report, or why it was skipped (truth not available on this
/// machine) or failed (the run or the comparison could not be made).
/// </summary>
public sealed record ScenarioResult(AccuracyScenario Scenario, int Lines, double Rate)
{
    public ValidationReport? Report { get; init; }

    public string? Skipped { get; init; }

    public string? Failed { get; init; }

    /// <summary>The model the scenario's cameras were analysed with, where its job names another one than the suite's run (null: the run's).</summary>
    public string? Model { get; init; }

    /// <summary>Seconds the analysis and the comparison took.</summary>
    public double WallSeconds { get; init; }
}

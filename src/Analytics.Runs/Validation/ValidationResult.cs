namespace Analytics.Runs.Validation;

/// <summary>
/// How a validation ended: the report when the comparison ran; otherwise the run made for it, which did not
/// succeed (its outcome says why).
/// </summary>
public sealed record ValidationResult(ValidationReport? Report, RunResult? Run)
{
    /// <summary>The report as JSON (null without a report).</summary>
    public System.Text.Json.Nodes.JsonObject? Json { get; init; }

    /// <summary>Where validation.json was written, beside the results compared; null when none was.</summary>
    public string? WrittenTo { get; init; }
}

namespace Analytics.Runs.Jobs;

/// <summary>A validated job: why the processing happens (purpose, legal basis, controller, decision) and what to analyse.</summary>
public sealed record Job(
    string SourcePath,
    string Sha256,
    string Purpose,
    string LegalBasis,
    string Controller,
    string DecisionReference,
    int BinMinutes,
    IReadOnlyList<CameraJob> Cameras)
{
    /// <summary>Footage older than this is refused (it should have been erased), unless <see cref="RetentionOverrideReason"/> is given.</summary>
    public int RetentionDays { get; init; } = 30;

    /// <summary>Why footage past the retention period may be analysed; recorded in the audit log.</summary>
    public string? RetentionOverrideReason { get; init; }

    /// <summary>Counts from 1 to this minus 1 are written as suppressed, never as their value; null for no suppression.</summary>
    public int? SuppressBelow { get; init; }

    /// <summary>Inputs that cannot be analysed for a reason of their own (reported, while the others are analysed).</summary>
    public IReadOnlyList<UnusableInput> Unusable { get; init; } = [];

    /// <summary>Who the public can write to, to ask or to object (the controller's data-protection contact).</summary>
    public string? Contact { get; init; }

    /// <summary>The four accountability fields, as they travel into every output's metadata.</summary>
    public IReadOnlyDictionary<string, string> Accountability => new Dictionary<string, string>
    {
        ["purpose"] = Purpose,
        ["legal_basis"] = LegalBasis,
        ["controller"] = Controller,
        ["decision_reference"] = DecisionReference,
    };
}

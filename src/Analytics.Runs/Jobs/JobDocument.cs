namespace Analytics.Runs.Jobs;

// The job file as written by people (JSON with comments). Field names are the contract of ../shared/DESIGN.md;
// every field is documented in README.md. Validation, with JSON paths, is JobLoader's.

internal sealed class JobDocument
{
    public string? Purpose { get; set; }

    public string? LegalBasis { get; set; }

    public string? Controller { get; set; }

    public string? DecisionReference { get; set; }

    public int? BinMinutes { get; set; }

    public int? RetentionDays { get; set; }

    public RetentionOverrideDocument? RetentionOverride { get; set; }

    public int? SuppressBelow { get; set; }

    public string? Contact { get; set; }

    public List<CameraDocument>? Cameras { get; set; }
}

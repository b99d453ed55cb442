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

internal sealed class RetentionOverrideDocument
{
    public string? Reason { get; set; }
}

internal sealed class CameraDocument
{
    public string? Id { get; set; }

    public string? TimeZone { get; set; }

    public List<InputDocument>? Inputs { get; set; }

    public List<LineDocument>? Lines { get; set; }

    public List<ZoneDocument>? Zones { get; set; }

    public List<List<float[]>>? PrivacyMasks { get; set; }
}

internal sealed class InputDocument
{
    public string? Path { get; set; }

    public string? Start { get; set; }

    public string? Glob { get; set; }

    public string? StartFromName { get; set; }
}

internal sealed class LineDocument
{
    public string? Id { get; set; }

    public float[]? From { get; set; }

    public float[]? To { get; set; }

    public string? Forward { get; set; }

    public string? Backward { get; set; }

    public float? Hysteresis { get; set; }
}

internal sealed class ZoneDocument
{
    public string? Id { get; set; }

    public List<float[]>? Polygon { get; set; }
}

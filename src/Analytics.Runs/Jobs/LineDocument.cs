namespace Analytics.Runs.Jobs;

internal sealed class LineDocument
{
    public string? Id { get; set; }

    public float[]? From { get; set; }

    public float[]? To { get; set; }

    public string? Forward { get; set; }

    public string? Backward { get; set; }

    public float? Hysteresis { get; set; }
}

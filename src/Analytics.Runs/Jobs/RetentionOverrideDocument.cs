namespace Analytics.Runs.Jobs;

internal sealed class RetentionOverrideDocument
{
    public string? Reason { get; set; }
}

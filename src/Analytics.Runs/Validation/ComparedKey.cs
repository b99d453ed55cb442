namespace Analytics.Runs.Validation;

/// <summary>The tool's count and the truth of one key over every compared bin.</summary>
public sealed record ComparedKey(CountKey Key, int Tool, int Truth)
{
    public int Error => Tool - Truth;
}

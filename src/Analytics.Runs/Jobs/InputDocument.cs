namespace Analytics.Runs.Jobs;

internal sealed class InputDocument
{
    public string? Path { get; set; }

    public string? Start { get; set; }

    public string? Glob { get; set; }

    public string? StartFromName { get; set; }
}

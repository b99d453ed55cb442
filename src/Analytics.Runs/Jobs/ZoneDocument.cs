namespace Analytics.Runs.Jobs;

internal sealed class ZoneDocument
{
    public string? Id { get; set; }

    public List<float[]>? Polygon { get; set; }
}

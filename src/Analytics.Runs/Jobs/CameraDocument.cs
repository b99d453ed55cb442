namespace Analytics.Runs.Jobs;

internal sealed class CameraDocument
{
    public string? Id { get; set; }

    public string? TimeZone { get; set; }

    public List<InputDocument>? Inputs { get; set; }

    public List<LineDocument>? Lines { get; set; }

    public List<ZoneDocument>? Zones { get; set; }

    public List<List<float[]>>? PrivacyMasks { get; set; }

    public string? Model { get; set; }
}

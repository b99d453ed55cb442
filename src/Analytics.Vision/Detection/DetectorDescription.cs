namespace Analytics.Vision.Detection;

/// <summary>What is recorded of the model a run's detectors run: enough to say, later, exactly which model counted.</summary>
/// <param name="Id">The manifest id (<c>yolox-nano-416</c>).</param>
/// <param name="File">The model file's name in the models folder.</param>
/// <param name="Sha256">SHA-256 of the exact bytes the sessions were built from.</param>
/// <param name="InputSize">Side of the square network input, in pixels.</param>
/// <param name="Layout">The output layout the decoder reads.</param>
/// <param name="Provider">The execution provider the sessions actually run on ("CPU" or "CUDA").</param>
/// <param name="Licence">The weights' licence, from the manifest.</param>
/// <param name="NmsIoUThreshold">IoU above which a same-class box is suppressed.</param>
public sealed record DetectorDescription(string Id, string File, string Sha256, int InputSize, string Layout, string Provider, string? Licence, float NmsIoUThreshold)
{
    /// <summary>The allow-list the model was checked against (its path), and that file's SHA-256.</summary>
    public string? ManifestPath { get; init; }

    public string? ManifestSha256 { get; init; }
}

namespace Analytics.Vision.Video;

/// <summary>An input was refused before it was opened; the message says which and why.</summary>
public sealed class InputRefusedException(string path, string reason) : Exception($"{path}: {reason}")
{
    public string InputPath { get; } = path;

    public string Reason { get; } = reason;
}

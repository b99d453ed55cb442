namespace Analytics.Vision.Models;

/// <summary>The manifest is missing, malformed, or does not allow the requested model.</summary>
public sealed class ModelManifestException(string message) : Exception(message)
{
    /// <summary>A file the allow-list names is not installed (as opposed to present but wrong): installing the models mends it.</summary>
    public bool Missing { get; init; }

    /// <summary>The model asked for is not one the allow-list names: the request is wrong, not the installation.</summary>
    public bool NotListed { get; init; }
}

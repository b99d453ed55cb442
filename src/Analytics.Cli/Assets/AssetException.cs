namespace Analytics.Cli.Assets;

/// <summary>An asset could not be put in place; the message says which and why.</summary>
internal sealed class AssetException(string message) : Exception(message);

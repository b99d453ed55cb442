namespace Analytics.Cli.Assets;

/// <summary>What <see cref="AssetInstaller"/> did with one asset.</summary>
internal enum AssetOutcome
{
    AlreadyPresent,
    Copied,
    Downloaded,
}

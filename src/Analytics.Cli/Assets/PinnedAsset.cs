namespace Analytics.Cli.Assets;

/// <summary>A file the product needs but never commits (model weights, sample footage), pinned by SHA-256.</summary>
internal sealed record PinnedAsset(string File, string Sha256, string? Url);

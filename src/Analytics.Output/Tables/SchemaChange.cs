namespace Analytics.Output.Tables;

/// <summary>What one version of the dataset's schema changed, for readers of older files.</summary>
public sealed record SchemaChange(int Version, string Change);

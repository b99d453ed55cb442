namespace Analytics.Vision.Models;

/// <summary>Where a model file can be fetched from: a public repository, the path in it and the exact commit.</summary>
public sealed record ModelSource(string Repository, string Path, string Commit, string Url);

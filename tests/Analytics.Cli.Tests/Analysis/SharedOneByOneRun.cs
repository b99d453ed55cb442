namespace Analytics.Cli.Tests.Analysis;

/// <summary>The test classes that read the one <see cref="OneByOneRun"/> analysis.</summary>
[CollectionDefinition(OneByOneRun.Collection)]
public sealed class SharedOneByOneRun : ICollectionFixture<OneByOneRun>;

namespace Analytics.Cli.Host;

/// <summary>
/// Where the product's own files live. The <c>./analytics</c> launcher exports <c>ANALYTICS_HOME</c> (the checkout);
/// otherwise the current directory is taken as home.
/// </summary>
internal static class ProductPaths
{
    public static string Home =>
        Environment.GetEnvironmentVariable("ANALYTICS_HOME") is { Length: > 0 } home ? home : Directory.GetCurrentDirectory();

    public static string ModelsDirectory =>
        Environment.GetEnvironmentVariable("ANALYTICS_MODELS") is { Length: > 0 } models ? models : Path.Combine(Home, "models");

    public static string ModelManifest(string? modelsDirectory) => Path.Combine(modelsDirectory ?? ModelsDirectory, "models.json");
}

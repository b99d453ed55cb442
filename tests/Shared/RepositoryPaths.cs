namespace Analytics.Tests.Shared;

/// <summary>Locations of the checkout and of the assets installed by ./setup.sh, for tests run from bin/.</summary>
internal static class RepositoryPaths
{
    public static readonly string Root = FindRoot();

    public static string ModelsDirectory => Path.Combine(Root, "models");

    public static string ModelManifest => Path.Combine(ModelsDirectory, "models.json");

    /// <summary>The sample videos installed by ./setup.sh (SHA-256 checked).</summary>
    public static string SampleVideos => Path.Combine(Root, "samples", "videos");

    public static string SampleVideo(string fileName)
    {
        var path = Path.Combine(SampleVideos, fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"sample video {fileName} not found in {SampleVideos} (run ./setup.sh)", path);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analytics.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Analytics.sln not found above {AppContext.BaseDirectory}");
    }
}

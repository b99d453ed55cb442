using Analytics.Tests.Shared;

namespace Analytics.Vision.Tests.Detection;

/// <summary>
/// Footage used only to evaluate detection, never committed nor shipped (the junction clip is GPL-3.0): installed in
/// <c>samples/videos/</c> when a job needs it, otherwise read from the project's shared folder beside the checkout
/// (<c>../shared/videos</c>, or <c>$ANALYTICS_SHARED/videos</c>, as ./setup.sh finds it).
/// </summary>
internal static class EvaluationFootage
{
    /// <summary>One cyclist riding down the image towards the camera (frames 36–58), a car following, a red car waiting.</summary>
    public const string JunctionCyclist = "otanalytics_testvideo_cars-cyclist_800x600.mp4";

    public static string? Find(string fileName)
    {
        var shared = Environment.GetEnvironmentVariable("ANALYTICS_SHARED") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryPaths.Root, "..", "shared");
        return new[] { Path.Combine(RepositoryPaths.SampleVideos, fileName), Path.Combine(shared, "videos", fileName) }.FirstOrDefault(File.Exists);
    }
}

/// <summary>A fact that needs evaluation footage: skipped, saying why, where the file is not available.</summary>
internal sealed class FactWithFootageAttribute : FactAttribute
{
    public FactWithFootageAttribute(string fileName)
    {
        if (EvaluationFootage.Find(fileName) is null)
        {
            Skip = $"{fileName} is neither in samples/videos nor in the shared folder's videos (evaluation footage, not installed by ./setup.sh)";
        }
    }
}

using Analytics.Tests.Shared;
using Analytics.Vision.Models;

namespace Analytics.Vision.Tests.Models;

/// <summary>Which allow-list and which file a run trusted is exact: a path names that file, and the manifest is identified by its hash.</summary>
public sealed class ModelChoiceTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("analytics-model-choice-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_path_to_a_file_of_the_same_name_elsewhere_is_refused_and_the_listed_file_by_its_path_is_found()
    {
        var manifest = ModelManifest.Load(RepositoryPaths.ModelManifest);
        var listed = manifest.PathOf(manifest.Default);
        var elsewhere = _folder.Touch(Path.GetFileName(listed));

        var error = Assert.Throws<ModelManifestException>(() => manifest.Find(elsewhere));

        Assert.Contains("only the files in the manifest's own folder load", error.Message, StringComparison.Ordinal);
        Assert.Equal(manifest.Default, manifest.Find(listed));
        Assert.Equal(manifest.Default, manifest.Find(manifest.Default.File));
    }

    [Fact]
    public void The_manifest_is_identified_by_its_path_and_sha256()
    {
        var manifest = ModelManifest.Load(RepositoryPaths.ModelManifest);

        Assert.Equal(Path.GetFullPath(RepositoryPaths.ModelManifest), manifest.Path);
        Assert.Equal(Analytics.Core.Integrity.FileHash.Sha256Hex(RepositoryPaths.ModelManifest), manifest.Sha256);
    }
}

namespace Analytics.Tests.Shared;

/// <summary>A folder of its own for one test, removed with everything in it when the test is disposed.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder(string prefix = "analytics-test-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    /// <summary>The full path of <paramref name="relative"/> inside the folder.</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes a small file at <paramref name="relative"/> (creating its folders) and returns its full path.</summary>
    public string Touch(string relative, byte[]? content = null)
    {
        var path = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content ?? [1, 2, 3]);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // already gone
        }
    }
}

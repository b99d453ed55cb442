using Analytics.Output.Writers;

namespace Analytics.Output.Tests.Writers;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("analytics-output-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task An_atomic_write_that_fails_leaves_the_previous_file_and_no_temporary()
    {
        var path = Path.Combine(_directory, "counts.csv");
        await File.WriteAllTextAsync(path, "previous");

        await Assert.ThrowsAsync<InvalidOperationException>(() => AtomicFile.WriteAsync(path, async stream =>
        {
            await stream.WriteAsync(new byte[100]);
            throw new InvalidOperationException("disk full");
        }, CancellationToken.None));

        Assert.Equal("previous", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }
}

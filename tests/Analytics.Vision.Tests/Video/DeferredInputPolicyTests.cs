using System.Diagnostics;
using Analytics.Vision.Video;

namespace Analytics.Vision.Tests.Video;

public sealed class DeferredInputPolicyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("analytics-inputs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("rtsp://192.0.2.10:554/stream1", "'rtsp' is a stream")]
    [InlineData("http://example.org/cam.mjpg", "'http' is a stream")]
    [InlineData("https://example.org/live.m3u8", "'https' is a stream")]
    [InlineData("rtmp://example.org/live", "'rtmp' is a stream")]
    [InlineData("udp://239.0.0.1:1234", "'udp' is a stream")]
    [InlineData("/dev/video0", "is a device or system file")]
    [InlineData("/dev/null", "is a device or system file")]
    public void Streams_and_devices_are_refused_as_not_deferred(string input, string reason)
    {
        var error = Assert.Throws<InputRefusedException>(() => DeferredInputPolicy.EnsureRecordedFile(input));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("deferred-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(input, error.InputPath);
    }

    [Fact]
    public void A_named_pipe_is_refused()
    {
        var fifo = Path.Combine(_directory, "camera.mp4");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var error = Assert.Throws<InputRefusedException>(() => DeferredInputPolicy.EnsureRecordedFile(fifo));

        Assert.Contains("not a regular file (pipe, socket or device)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_to_a_device_is_refused()
    {
        var link = Path.Combine(_directory, "innocent.mp4");
        File.CreateSymbolicLink(link, "/dev/zero");

        var error = Assert.Throws<InputRefusedException>(() => DeferredInputPolicy.EnsureRecordedFile(link));

        Assert.Contains("device", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_missing_and_directory_inputs_are_refused_with_their_reason()
    {
        var empty = Path.Combine(_directory, "empty.mp4");
        File.WriteAllBytes(empty, []);

        Assert.Contains("is empty", Assert.Throws<InputRefusedException>(() => DeferredInputPolicy.EnsureRecordedFile(empty)).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<InputRefusedException>(() => DeferredInputPolicy.EnsureRecordedFile(Path.Combine(_directory, "absent.mp4"))).Message, StringComparison.Ordinal);
        Assert.Contains("is a directory", Assert.Throws<InputRefusedException>(() => DeferredInputPolicy.EnsureRecordedFile(_directory)).Message, StringComparison.Ordinal);
    }
}

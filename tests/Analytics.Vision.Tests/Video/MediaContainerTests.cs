using System.Text;
using Analytics.Tests.Shared;
using Analytics.Vision.Video;

namespace Analytics.Vision.Tests.Video;

/// <summary>
/// Only real media containers reach the decoder: text formats that make FFmpeg open other files or URLs (concat
/// lists, playlists, manifests) are refused before it sees them, whatever their name; and a file reached through a
/// link is judged by the file, not the link.
/// </summary>
public sealed class MediaContainerTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("analytics-containers-");

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string> TextThatNamesOtherFiles => new()
    {
        { "concat.mp4", "ffconcat version 1.0\nfile '/srv/archive/other.mp4'\n" },
        { "playlist.mp4", "#EXTM3U\n#EXTINF:10,\nhttp://camera.local/live.ts\n" },
        { "manifest.mkv", "<?xml version=\"1.0\"?><MPD></MPD>" },
        { "session.avi", "v=0\no=- 0 0 IN IP4 127.0.0.1\n" },
    };

    [Theory]
    [MemberData(nameof(TextThatNamesOtherFiles))]
    public void A_text_file_named_like_a_video_is_never_opened(string name, string content)
    {
        var path = _folder.Touch(name, Encoding.UTF8.GetBytes(content));

        var error = Assert.Throws<VideoDecodeException>(() => VideoReader.Open(path, DateTimeOffset.UnixEpoch));

        Assert.Contains("cannot be opened as a video: it is a text file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_start_like_no_container_are_not_decoded_and_real_recordings_are()
    {
        var random = _folder.Touch("random.mp4", Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 251 + 1)).ToArray());

        var error = Assert.Throws<VideoDecodeException>(() => VideoReader.Open(random, DateTimeOffset.UnixEpoch));
        Assert.Contains("cannot be opened as a video: it does not start like a media container", error.Message, StringComparison.Ordinal);
        foreach (var sample in Directory.EnumerateFiles(RepositoryPaths.SampleVideos))
        {
            using var reader = VideoReader.Open(sample, DateTimeOffset.UnixEpoch);
            Assert.True(reader.Width > 0, sample);
        }
    }

    [Fact]
    public void The_settle_check_looks_at_the_recording_behind_a_link_not_at_the_link()
    {
        var recording = _folder.Touch("recording.mp4");
        var link = _folder["old-link.mp4"];
        File.CreateSymbolicLink(link, recording);
        var now = DateTimeOffset.UtcNow;
        File.SetLastWriteTimeUtc(recording, now.UtcDateTime); // still being written
        // The link itself is a day old (touch -h changes the link, not the file it names).
        using (var touch = System.Diagnostics.Process.Start("touch", ["-h", "-d", $"@{now.AddDays(-1).ToUnixTimeSeconds()}", link]))
        {
            touch.WaitForExit();
            Assert.Equal(0, touch.ExitCode);
        }

        var error = Assert.Throws<InputRefusedException>(() => DeferredInputPolicy.EnsureSettled(link, TimeSpan.FromSeconds(60), now));

        Assert.Contains("may still be being written", error.Reason, StringComparison.Ordinal);
    }
}

using Analytics.Tests.Shared;
using Analytics.Vision.Video;

namespace Analytics.Vision.Tests.Video;

/// <summary>
/// Footage as recorders and archives hand it over, made with Debian's ffmpeg: clips exported with stream copy (edit
/// lists over samples from the key frame before the cut), MP4s cut short, and codecs the bundled decoder lacks.
/// Completeness is decided by where the decoder stops against the time the file plays, never by its sample count.
/// </summary>
public sealed class RecorderExportTests : IDisposable
{
    private static readonly DateTimeOffset RecordingStart = new(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(1));

    private readonly TemporaryFolder _folder = new("analytics-export-");

    public void Dispose() => _folder.Dispose();

    // The PETS sample (10 fps H.264) has a key frame only every few seconds, so each cut starts well after one: the
    // exported clip holds up to twice the samples it shows. Every clip must read to its end as the 5 s it plays.
    [Theory]
    [InlineData(13.3, ".mp4")]
    [InlineData(31.7, ".mp4")]
    [InlineData(52.1, ".mov")]
    public void A_clip_exported_with_stream_copy_reads_to_its_end_as_the_time_it_plays(double cutAt, string extension)
    {
        var clip = _folder[$"clip{extension}"];
        FfmpegTool.Run("-ss", cutAt.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", RepositoryPaths.SampleVideo("pets09_s2l1_vtest_480x360.mp4"), "-t", "5", "-c", "copy", clip);
        using var reader = VideoReader.Open(clip, RecordingStart);

        var frames = 0;
        while (reader.Read(out _))
        {
            frames++;
        }

        Assert.True(reader.AnnouncedFrameCount > frames + 10, $"the container holds {reader.AnnouncedFrameCount} samples for {frames} frames shown: an edit list hides the lead-in");
        Assert.InRange(frames, 49, 53);
        Assert.InRange(reader.AnnouncedDuration!.Value.TotalSeconds, 4.9, 5.3);
    }

    [Fact]
    public void An_mp4_with_its_index_first_cut_short_stops_with_the_time_reached_and_the_time_announced()
    {
        var whole = _folder["whole.mp4"];
        FfmpegTool.Run("-i", RepositoryPaths.SampleVideo("pets09_s2l1_vtest_480x360.mp4"), "-t", "20", "-c", "copy", "-movflags", "+faststart", whole);
        var cut = SyntheticVideo.Truncate(whole, _folder["cut.mp4"], 0.5);
        using var reader = VideoReader.Open(cut, RecordingStart);

        var error = Assert.Throws<VideoDecodeException>(() =>
        {
            while (reader.Read(out _))
            {
            }
        });

        Assert.Contains("truncated or corrupt", error.Message, StringComparison.Ordinal);
        Assert.Contains("of the 00:00:20", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.PositionReached.TotalSeconds, 5, 15);
    }

    [Fact]
    public void A_codec_the_bundled_decoder_lacks_is_named_as_unsupported_not_as_corrupt()
    {
        var av1 = _folder["av1.mp4"];
        FfmpegTool.Run("-i", SyntheticVideo.Write(_folder["source.mp4"], seconds: 1), "-c:v", "libaom-av1", "-cpu-used", "8", "-b:v", "100k", av1);
        using var reader = VideoReader.Open(av1, RecordingStart);

        var error = Assert.Throws<VideoDecodeException>(() => reader.Read(out _));

        Assert.Equal("av01", reader.Codec, ignoreCase: true);
        Assert.Contains("video codec (AV1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decodable_codec_whose_file_shows_no_frame_is_called_corrupt()
    {
        var whole = _folder["whole.mp4"];
        FfmpegTool.Run("-i", RepositoryPaths.SampleVideo("pets09_s2l1_vtest_480x360.mp4"), "-t", "4", "-c", "copy", "-movflags", "+faststart", whole);
        var bytes = File.ReadAllBytes(whole);
        var mdat = bytes.AsSpan().IndexOf("mdat"u8);
        Array.Fill(bytes, (byte)0, mdat + 4, bytes.Length - mdat - 4); // the index intact, every sample zeroed
        var zeroed = _folder["zeroed.mp4"];
        File.WriteAllBytes(zeroed, bytes);
        using var reader = VideoReader.Open(zeroed, RecordingStart);

        var error = Assert.Throws<VideoDecodeException>(() => reader.Read(out _));

        Assert.Equal("h264", reader.Codec, ignoreCase: true);
        Assert.Contains("truncated or corrupt", error.Message, StringComparison.Ordinal);
    }
}

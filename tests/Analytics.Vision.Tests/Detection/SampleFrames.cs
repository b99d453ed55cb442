using Analytics.Tests.Shared;
using Analytics.Vision.Video;
using OpenCvSharp;

namespace Analytics.Vision.Tests.Detection;

/// <summary>
/// Decodes one frame of a sample video through the product's own reader, skipping to a frame before it (by seeking
/// where the file allows: VideoReaderTests shows that a skip returns exactly the frames a full read returns), then
/// reading on to the frame with that index.
/// </summary>
internal static class SampleFrames
{
    public static Mat Read(string video, long index, Func<int, int, PrivacyMask?>? privacyMask = null)
    {
        using var reader = VideoReader.Open(RepositoryPaths.SampleVideo(video), DateTimeOffset.UnixEpoch, privacyMaskFactory: privacyMask);
        reader.SkipTo(TimeSpan.FromSeconds(Math.Max(0, index - 2) / reader.SourceFps));
        while (reader.Read(out var time))
        {
            if (time.Index == index)
            {
                return reader.Frame.Clone();
            }

            if (time.Index > index)
            {
                break;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(index), index, $"{video} has no frame {index}");
    }
}

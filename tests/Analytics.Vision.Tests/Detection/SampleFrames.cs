using Analytics.Tests.Shared;
using Analytics.Vision.Video;
using OpenCvSharp;

namespace Analytics.Vision.Tests.Detection;

/// <summary>Decodes one frame of a sample video through the product's own reader.</summary>
internal static class SampleFrames
{
    public static Mat Read(string video, long index, Func<int, int, PrivacyMask?>? privacyMask = null)
    {
        using var reader = VideoReader.Open(RepositoryPaths.SampleVideo(video), DateTimeOffset.UnixEpoch, privacyMaskFactory: privacyMask);
        while (reader.Read(out var time))
        {
            if (time.Index == index)
            {
                return reader.Frame.Clone();
            }
        }

        throw new ArgumentOutOfRangeException(nameof(index), index, $"{video} has no frame {index}");
    }
}

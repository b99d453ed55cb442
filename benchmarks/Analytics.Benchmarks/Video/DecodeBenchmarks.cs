using Analytics.Tests.Shared;
using Analytics.Vision.Video;
using BenchmarkDotNet.Attributes;
using OpenCvSharp;

namespace Analytics.Benchmarks.Video;

/// <summary>
/// What decoding costs per frame at CCTV resolutions, to set against inference (DetectionStageBenchmarks): the
/// PETS sample as it is (480x360 H.264), and the same frames upscaled to 1280x720 and 1920x1080 and re-encoded into
/// a temporary file (H.264 when the bundled FFmpeg can encode it, MPEG-4 Part 2 otherwise). The temporary clips are
/// deleted afterwards; no video is committed.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private const int Frames = 100;
    private string _video = "";
    private string? _temporary;

    [Params("480x360", "1280x720", "1920x1080")]
    public string Resolution { get; set; } = "480x360";

    /// <summary>The codec of the clip measured (as written into the benchmark's own log).</summary>
    public string Codec { get; private set; } = "h264";

    [GlobalSetup]
    public void Setup()
    {
        var source = RepositoryPaths.SampleVideo("pets09_s2l1_vtest_480x360.mp4");
        if (Resolution == "480x360")
        {
            _video = source;
            return;
        }

        var parts = Resolution.Split('x');
        var size = new Size(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        _temporary = Path.Combine(Path.GetTempPath(), $"analytics-bench-{Resolution}-{Guid.NewGuid():N}.mp4");
        _video = _temporary;
        using var capture = new VideoCapture(source, VideoCaptureAPIs.FFMPEG);
        VideoWriter? writer = null;
        foreach (var (fourcc, codec) in new (FourCC, string)[] { (FourCC.FromString("avc1"), "h264"), (FourCC.MP4V, "mpeg4") })
        {
            writer = new VideoWriter(_temporary, fourcc, 10, size);
            if (writer.IsOpened())
            {
                Codec = codec;
                break;
            }

            writer.Dispose();
            writer = null;
        }

        if (writer is null)
        {
            throw new InvalidOperationException("the bundled FFmpeg can encode neither H.264 nor MPEG-4 here");
        }

        using (writer)
        {
            using var frame = new Mat();
            using var large = new Mat();
            for (var i = 0; i < Frames && capture.Read(frame); i++)
            {
                Cv2.Resize(frame, large, size, 0, 0, InterpolationFlags.Linear);
                writer.Write(large);
            }
        }

        Console.WriteLine($"// {Resolution} clip encoded as {Codec}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_temporary is not null)
        {
            File.Delete(_temporary);
        }
    }

    /// <summary>Decodes the first 100 frames (one operation = 100 frames: divide by 100 for a frame).</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public long DecodeFrame()
    {
        using var reader = VideoReader.Open(_video, DateTimeOffset.UnixEpoch);
        using var frame = new Mat();
        long decoded = 0;
        while (decoded < Frames && reader.Read(frame, out _))
        {
            decoded++;
        }

        return decoded;
    }
}

using System.Globalization;

namespace Analytics.Runs.Benchmarking;

/// <summary>
/// How the bench archive is made of each scene: a quiet stretch, the busy sample footage (at most
/// <see cref="BusySeconds"/> of it), another quiet stretch, each quiet stretch <see cref="QuietFactor"/> / 2 times as long
/// as the busy part (so the archive is quiet <see cref="QuietShare"/> of the time), cut into H.264 segments of
/// <see cref="SegmentSeconds"/>. Quiet stretches are the scene's background (the median of frames spread over the
/// clip) with temporal sensor noise of <see cref="Noise"/> (FFmpeg's noise filter strength) and a slow exposure drift
/// (brightness ±4 %, contrast ±6 % over the stretch), compressed like the rest (x264, CRF <see cref="Crf"/>, a key frame
/// every 2 s, no B-frames, as CCTV recorders do).
/// </summary>
public sealed record ArchivePlan
{
    public double BusySeconds { get; init; } = 30;

    public double QuietFactor { get; init; } = 9;

    public double SegmentSeconds { get; init; } = 60;

    public int Noise { get; init; } = 5;

    public int Crf { get; init; } = 28;

    /// <summary>Share of the archive's footage that is quiet.</summary>
    public double QuietShare => QuietFactor / (QuietFactor + 1);

    /// <summary>The plan in a few words, part of the archive's cache key (another plan, another archive).</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"busy {BusySeconds} s, quiet x{QuietFactor}, segments {SegmentSeconds} s, noise {Noise}, crf {Crf}");
}

using Analytics.Runs.Jobs;
using Analytics.Vision.Video;

namespace Analytics.Runs.Pipeline;

/// <summary>
/// What opening a recording's container tells before it is decoded: its frame size (to check the camera's lines and
/// zones) and its announced duration and rate (to estimate the run's frames). A run probes each input at most once and
/// keeps what it learned.
/// </summary>
internal sealed record MediaProbe(int Width, int Height, double SourceFps, TimeSpan? AnnouncedDuration)
{
    /// <summary>Opens <paramref name="input"/>'s container; throws as <see cref="VideoReader.Open"/> does.</summary>
    public static MediaProbe Of(JobInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var reader = VideoReader.Open(input.Path, input.Start);
        return new MediaProbe(reader.Width, reader.Height, reader.SourceFps, reader.AnnouncedDuration);
    }

    /// <summary>Frames analysed at <paramref name="analysisFps"/> (capped at the file's own rate), by the announced duration; 0 when unknown.</summary>
    public long ExpectedFrames(double analysisFps) =>
        AnnouncedDuration is { } duration ? (long)Math.Ceiling(duration.TotalSeconds * Math.Min(analysisFps, SourceFps)) : 0;
}

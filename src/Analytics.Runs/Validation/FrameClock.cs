using Analytics.Vision.Video;

namespace Analytics.Runs.Validation;

/// <summary>
/// When each frame of a recording was taken: the decoder's presentation time of every frame (0-based, in decode
/// order) from the recording's start, so that annotated frames land on the same clock as the tool's counts, even at
/// a variable frame rate.
/// </summary>
public sealed class FrameClock
{
    private readonly List<DateTimeOffset> _times;

    private FrameClock(List<DateTimeOffset> times, int width, int height, DateTimeOffset start, DateTimeOffset? announcedEnd)
    {
        _times = times;
        Width = width;
        Height = height;
        Start = start;
        AnnouncedEnd = announcedEnd;
    }

    /// <summary>Decoded frame size in pixels: annotations must be in this frame.</summary>
    public int Width { get; }

    public int Height { get; }

    /// <summary>The recording's start (its first frame's wall-clock time, from the job).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Where the footage ends, from the container's announced duration; null when it does not say.</summary>
    public DateTimeOffset? AnnouncedEnd { get; }

    /// <summary>Frames timed: every frame up to the last one asked for, or to the end of the file if it is shorter.</summary>
    public int FrameCount => _times.Count;

    /// <summary>The wall-clock time of frame <paramref name="index"/> (0-based, decode order).</summary>
    public DateTimeOffset TimeOf(int index) => _times[index];

    /// <summary>
    /// Opens <paramref name="path"/> (recorded at <paramref name="start"/>) and times its frames up to
    /// <paramref name="lastIndex"/>; throws the Video stage's <see cref="InputRefusedException"/> or
    /// <see cref="VideoDecodeException"/> for a file that is not a readable recording.
    /// </summary>
    public static FrameClock Read(string path, DateTimeOffset start, int lastIndex)
    {
        using var reader = VideoReader.Open(path, start);
        var times = new List<DateTimeOffset>(Math.Max(0, lastIndex + 1));
        var announcedEnd = reader.AnnouncedDuration is { } duration ? start + duration : (DateTimeOffset?)null;
        while (times.Count <= lastIndex && reader.Read(out var time))
        {
            times.Add(time.Timestamp);
        }

        return new FrameClock(times, reader.Width, reader.Height, start, announcedEnd);
    }

    /// <summary>Only the frame size of <paramref name="path"/>, without timing any frame.</summary>
    public static (int Width, int Height) SizeOf(string path, DateTimeOffset start)
    {
        using var reader = VideoReader.Open(path, start);
        return (reader.Width, reader.Height);
    }

    /// <summary>A clock from known times (for tests and for footage timed elsewhere).</summary>
    public static FrameClock Of(IEnumerable<DateTimeOffset> times, int width, int height, DateTimeOffset? announcedEnd = null)
    {
        var list = times.ToList();
        return new FrameClock(list, width, height, list.Count > 0 ? list[0] : default, announcedEnd);
    }
}

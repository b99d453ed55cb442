namespace Analytics.Vision.Video;

/// <summary>A video could not be opened or decoded to its end. Names the file and the position reached.</summary>
public sealed class VideoDecodeException(string path, long framesDecoded, TimeSpan positionReached, string reason)
    : Exception(FormattableString.Invariant($"{path}: {reason} (position reached: frame {framesDecoded}, {positionReached:hh\\:mm\\:ss\\.f})"))
{
    public string InputPath { get; } = path;

    public long FramesDecoded { get; } = framesDecoded;

    public TimeSpan PositionReached { get; } = positionReached;
}

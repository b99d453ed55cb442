using System.Threading.Channels;

namespace Analytics.Vision.Video;

/// <summary>
/// A fixed set of frame buffers passed from the decode thread to the inference thread and back. Its size bounds
/// the frames in flight (and so the memory a file's analysis holds); decoding waits for a free buffer rather than allocating (nothing is ever dropped).
/// </summary>
public sealed class FramePool : IDisposable
{
    private readonly VideoFrame[] _all;
    private readonly Channel<VideoFrame> _free;

    public FramePool(int size)
    {
        _all = Enumerable.Range(0, size).Select(_ => new VideoFrame()).ToArray();
        _free = Channel.CreateBounded<VideoFrame>(new BoundedChannelOptions(size) { FullMode = BoundedChannelFullMode.Wait });
        foreach (var mat in _all)
        {
            _free.Writer.TryWrite(mat);
        }
    }

    public ValueTask<VideoFrame> RentAsync(CancellationToken cancellationToken) => _free.Reader.ReadAsync(cancellationToken);

    public void Return(VideoFrame mat)
    {
        var returned = _free.Writer.TryWrite(mat);
        System.Diagnostics.Debug.Assert(returned, "a pool never holds more buffers than it made");
    }

    public void Dispose()
    {
        foreach (var mat in _all)
        {
            mat.Dispose();
        }
    }
}

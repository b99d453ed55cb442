using System.Threading.Channels;
using OpenCvSharp;

namespace Analytics.Cli.Analysis;

/// <summary>
/// A fixed set of frame buffers passed from the decode thread to the inference thread and back. Its size bounds
/// the frames in flight; decoding waits for a free buffer rather than allocating (nothing is ever dropped).
/// </summary>
internal sealed class FramePool : IDisposable
{
    private readonly Mat[] _all;
    private readonly Channel<Mat> _free;

    public FramePool(int size)
    {
        _all = Enumerable.Range(0, size).Select(_ => new Mat()).ToArray();
        _free = Channel.CreateBounded<Mat>(new BoundedChannelOptions(size) { FullMode = BoundedChannelFullMode.Wait });
        foreach (var mat in _all)
        {
            _free.Writer.TryWrite(mat);
        }
    }

    public ValueTask<Mat> RentAsync(CancellationToken cancellationToken) => _free.Reader.ReadAsync(cancellationToken);

    public void Return(Mat mat)
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

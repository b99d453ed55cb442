using System.Threading.Channels;
using Analytics.Vision.Detection;

namespace Analytics.Runs.Pipeline;

/// <summary>
/// The detectors of one model's inference sessions (one detector a session), lent frame by frame to the files in
/// flight: whichever file has a frame ready takes a free detector for it. So a file analysed alone, at the end of a
/// run whose other files are done, keeps every session busy instead of its share of them.
/// </summary>
/// <remarks>Thread-safe. The lender does not own the detectors: whoever made them disposes them.</remarks>
internal sealed class DetectorLender
{
    private readonly Channel<IFrameDetector> _free = Channel.CreateUnbounded<IFrameDetector>();

    public DetectorLender(IReadOnlyList<IFrameDetector> detectors)
    {
        ArgumentNullException.ThrowIfNull(detectors);
        ArgumentOutOfRangeException.ThrowIfZero(detectors.Count);
        foreach (var detector in detectors)
        {
            _free.Writer.TryWrite(detector);
        }

        Count = detectors.Count;
    }

    /// <summary>Detectors lent out at most at once: how many frames one file may have detected side by side.</summary>
    public int Count { get; }

    /// <summary>A free detector, as soon as one is; give it back with <see cref="Return"/>.</summary>
    public ValueTask<IFrameDetector> RentAsync(CancellationToken cancellationToken) => _free.Reader.ReadAsync(cancellationToken);

    public void Return(IFrameDetector detector) => _free.Writer.TryWrite(detector);
}

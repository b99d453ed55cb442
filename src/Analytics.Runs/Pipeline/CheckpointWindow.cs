using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Core.Objects;
using Analytics.Core.Tracking;
using Analytics.Vision.Video;

namespace Analytics.Runs.Pipeline;

/// <summary>
/// Tracking and counting for one checkpoint window of a file: a fresh tracker that sees the frames from
/// <c>overlap</c> before the window to <c>overlap</c> after it, and counts what happens inside the window only. The
/// counter follows objects a few seconds behind the tracker (it joins broken tracks and smooths paths with that
/// look-ahead) and catches up when the window is finished, so a window's statistics depend on its own frames only.
/// </summary>
internal sealed class CheckpointWindow
{
    private readonly DateTimeOffset _recordingStart;
    private readonly ByteTracker _tracker;
    private readonly FileCounter _counter;
    private long _framesInside;
    private long _framesAfter;

    public CheckpointWindow(int index, DateTimeOffset recordingStart, TimeSpan length, TimeSpan overlap, CameraLayout camera, TrackerOptions trackerOptions)
    {
        Index = index;
        _recordingStart = recordingStart;
        CountFrom = index * length;
        CountUntil = (index + 1) * length;
        TrackUntil = CountUntil + overlap;
        _tracker = new ByteTracker(trackerOptions);
        _counter = new FileCounter(camera);
    }

    public int Index { get; }

    /// <summary>Position in the file (from its first frame) where the window's counting starts.</summary>
    public TimeSpan CountFrom { get; }

    /// <summary>Position where the window's counting ends, unless it is the file's last window.</summary>
    public TimeSpan CountUntil { get; }

    /// <summary>Position from which the window's tracker has seen enough: the window can be finished.</summary>
    public TimeSpan TrackUntil { get; }

    /// <summary>Feeds one analysed frame; <paramref name="observations"/> and <paramref name="ended"/> are scratch lists.</summary>
    public void Add(FrameTime time, ReadOnlySpan<DetectedObject> objects, List<TrackObservation> observations, List<EndedTrack> ended)
    {
        _tracker.Update(time.Timestamp, objects, observations, ended);
        _counter.AddFrame(time.Timestamp, observations, ended);
        if (time.Position >= CountUntil)
        {
            _framesAfter++;
        }
        else if (time.Position >= CountFrom)
        {
            _framesInside++;
        }
    }

    /// <summary>
    /// Ends the window's tracks and returns what happened inside the window (up to the end of the footage when it
    /// is the file's <paramref name="last"/> window). <paramref name="endOfFootage"/> is when its last frame stops counting.
    /// </summary>
    public (FileContribution Contribution, long Frames) Finish(DateTimeOffset endOfFootage, bool last, List<EndedTrack> ended)
    {
        _tracker.Finish(ended);
        var statistics = _counter.Finish(endOfFootage, ended);
        var from = Index == 0 ? DateTimeOffset.MinValue : _recordingStart + CountFrom;
        var to = last ? DateTimeOffset.MaxValue : _recordingStart + CountUntil;
        return (FileContribution.From(statistics, from, to), _framesInside + (last ? _framesAfter : 0));
    }
}

using System.Diagnostics;

namespace Analytics.Runs.Pipeline;

/// <summary>
/// What tracking tells the motion gate, frame by frame: whether a tracked object was active in the frame (see
/// <see cref="TrackActivity"/>). Tracking reports every frame, in order; the decode thread asks about the frame
/// <see cref="InferenceGate.Lag"/> frames back, waiting until tracking got there, so that what the gate decides
/// never depends on how fast each stage ran. Holds the last few frames only.
/// </summary>
internal sealed class TrackActivityFeed
{
    private readonly bool[] _busy;
    private readonly Lock _lock = new();
    private long _reported = -1;
    private long _awaited = long.MaxValue;
    private bool _closed;
    private TaskCompletionSource? _waiter;

    /// <param name="capacity">Frames remembered: more than the distance between the frame decoded and the frame asked about.</param>
    public TrackActivityFeed(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _busy = new bool[capacity];
    }

    /// <summary>Tracking is done with frame <paramref name="sequence"/> (the one after the last reported).</summary>
    public void Report(long sequence, bool busy)
    {
        TaskCompletionSource? wake = null;
        lock (_lock)
        {
            Debug.Assert(sequence == _reported + 1, "tracking reports every frame in order");
            _busy[sequence % _busy.Length] = busy;
            _reported = sequence;
            if (_waiter is not null && sequence >= _awaited)
            {
                (wake, _waiter) = (_waiter, null);
            }
        }

        wake?.TrySetResult();
    }

    /// <summary>Tracking ended (the file is done, failed or was cancelled): nothing more comes, and nobody may wait for it.</summary>
    public void Close()
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            _closed = true;
            (wake, _waiter) = (_waiter, null);
        }

        wake?.TrySetResult();
    }

    /// <summary>Whether frame <paramref name="sequence"/> was busy, once tracking reported it; true if tracking ended without reporting it.</summary>
    public async ValueTask<bool> BusyAsync(long sequence, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task reported;
            lock (_lock)
            {
                if (_reported >= sequence)
                {
                    Debug.Assert(_reported - sequence < _busy.Length, "asked about a frame still remembered");
                    return _busy[sequence % _busy.Length];
                }

                if (_closed)
                {
                    return true;
                }

                _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _awaited = sequence;
                reported = _waiter.Task;
            }

            await reported.WaitAsync(cancellationToken);
        }
    }
}

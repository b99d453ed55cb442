using Analytics.Vision.Motion;
using Analytics.Vision.Video;

namespace Analytics.Runs.Pipeline;

/// <summary>
/// The motion gate, on the decode thread: for each frame at the analysis rate, whether the detector sees it, or
/// whether the objects of the last detected frame carry on to it (those its confirmed tracks were matched with)
/// because the picture has not changed since that frame (<see cref="MotionDetector"/>, with that frame as reference)
/// and no tracked object is active (<see cref="TrackActivity"/>, as tracking reported it <see cref="Lag"/> frames back). Whatever the picture, a frame
/// is detected at least every <see cref="MinimumInterval"/> (objects standing still in a zone stay seen, a slow
/// arrival is never missed), and every frame of the first second of each checkpoint window's tracking (the gate
/// starts there without a reference, as the window's tracker starts without tracks).
/// </summary>
/// <remarks>
/// Deterministic, like everything that decides statistics: each decision depends on the frames and on what tracking
/// made of them, never on timing (the gate waits for tracking to reach the frame it asks about), and it restarts
/// where each window's tracker starts, so a file resumed at a window decides exactly as a run from its start.
/// </remarks>
internal sealed class InferenceGate
{
    /// <summary>Longest time between two detected frames.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    private readonly MotionDetector _motion;
    private readonly TimeSpan _window;
    private readonly TimeSpan _overlap;
    private readonly TimeSpan _tolerance;
    private int _nextWindow;
    private TimeSpan _nextRestart;
    private long _warmUntil;
    private TimeSpan _lastDetected;

    /// <param name="motion">The picture difference, made for the file's frame size and privacy masks (used by the gate alone).</param>
    /// <param name="analysisFps">The file's analysis rate.</param>
    /// <param name="firstWindow">The checkpoint window the reading starts in (0, or where a resumed file starts).</param>
    /// <param name="window">Length of a checkpoint window.</param>
    /// <param name="overlap">How long before its window a window's tracker starts.</param>
    public InferenceGate(MotionDetector motion, double analysisFps, int firstWindow, TimeSpan window, TimeSpan overlap)
    {
        ArgumentNullException.ThrowIfNull(motion);
        _motion = motion;
        _window = window;
        _overlap = overlap;
        _tolerance = TimeSpan.FromSeconds(0.5 / analysisFps);
        Lag = LagFor(analysisFps);
        Feed = new TrackActivityFeed(Lag + 1);
        _nextWindow = firstWindow;
        _nextRestart = RestartOf(firstWindow);
    }

    /// <summary>
    /// Frames between the frame decided and the frame whose tracking it follows (a second's worth, at least 2): lets
    /// decoding run ahead of inference and tracking, as without the gate. Also the frames detected after each restart.
    /// </summary>
    public int Lag { get; }

    /// <summary>Where tracking reports, frame by frame, whether its tracks keep the gate open.</summary>
    public TrackActivityFeed Feed { get; }

    /// <summary>The <see cref="Lag"/> at an analysis rate.</summary>
    public static int LagFor(double analysisFps) => Math.Max(2, (int)Math.Ceiling(analysisFps * MinimumInterval.TotalSeconds));

    /// <summary>Whether frame <paramref name="sequence"/> (counted from the first frame read) goes through the detector.</summary>
    public async ValueTask<bool> ShouldDetectAsync(long sequence, VideoFrame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var position = frame.Time.Position;
        while (position >= _nextRestart)
        {
            // A window's tracker starts here: so does the gate, from nothing.
            _motion.Forget();
            _warmUntil = sequence + Lag;
            _nextRestart = RestartOf(++_nextWindow);
        }

        var reading = _motion.Measure(frame);
        var detect = sequence < _warmUntil
            || position - _lastDetected >= MinimumInterval - _tolerance
            || reading.Moved
            || await Feed.BusyAsync(sequence - Lag, cancellationToken);
        if (detect)
        {
            _motion.KeepAsReference();
            _lastDetected = position;
        }

        return detect;
    }

    /// <summary>Where window <paramref name="index"/>'s tracker starts (the first window's: the start of the file).</summary>
    private TimeSpan RestartOf(int index) => index == 0 ? TimeSpan.MinValue : (index * _window) - _overlap;
}

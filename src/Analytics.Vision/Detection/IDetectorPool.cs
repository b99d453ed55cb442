namespace Analytics.Vision.Detection;

/// <summary>
/// The inference sessions of a run, loaded once and shared out between the files analysed side by side. The real
/// one is <see cref="DetectorPool"/>; a test harness may provide scripted detectors.
/// </summary>
public interface IDetectorPool : IDisposable
{
    /// <summary>The model the detectors run, as the audit log, the analysis key and run.json record it.</summary>
    DetectorDescription Model { get; }

    /// <summary>Independent sessions: at most this many frames are detected at once.</summary>
    int Sessions { get; }

    /// <summary>
    /// Shares the sessions out between <paramref name="workers"/> (at most <see cref="Sessions"/>): one detector per
    /// session, each worker at least one. The caller owns the detectors and disposes them.
    /// </summary>
    IReadOnlyList<IReadOnlyList<IFrameDetector>> ShareOut(int workers);
}

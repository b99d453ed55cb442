using Analytics.Runs.Jobs;

namespace Analytics.Runs.Benchmarking;

/// <summary>
/// One analysis of the bench archive, with the motion gate off or on: the frames, the time it took (wall and CPU, all
/// threads), and what it counted: crossings per camera, line, direction and class over the whole archive, and the
/// occupancy peak (the most objects inside at once) per camera, zone, class and bin.
/// </summary>
public sealed record ArchiveRun(
    MotionGateMode Gate,
    long FramesAnalysed,
    long FramesSkipped,
    double FootageSeconds,
    double WallSeconds,
    double CpuSeconds,
    IReadOnlyDictionary<string, int> Crossings,
    IReadOnlyDictionary<string, int> Peaks)
{
    /// <summary>Frames analysed (at the analysis rate, detected or carried) per second of wall time.</summary>
    public double Fps => FramesAnalysed / Math.Max(WallSeconds, 1e-9);

    /// <summary>Seconds of footage analysed per second of wall time.</summary>
    public double RealtimeFactor => FootageSeconds / Math.Max(WallSeconds, 1e-9);

    public double CpuMillisecondsPerFrame => 1000 * CpuSeconds / Math.Max(FramesAnalysed, 1);

    public int TotalCrossings => Crossings.Values.Sum();
}

namespace Analytics.Runs.Benchmarking;

/// <summary>One stage's measurement: frames per second of wall time, and CPU seconds spent per frame (all threads).</summary>
public sealed record StageMeasure(string Name, long Frames, double WallSeconds, double CpuSeconds)
{
    public double Fps => Frames / Math.Max(WallSeconds, 1e-9);

    public double CpuMillisecondsPerFrame => 1000 * CpuSeconds / Math.Max(Frames, 1);
}

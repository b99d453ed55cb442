using System.Diagnostics;
using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Core.Tracking;
using Analytics.Runs.Jobs;
using Analytics.Runs.Pipeline;
using Analytics.Vision.Detection;
using Analytics.Vision.Models;
using Analytics.Vision.Video;

namespace Analytics.Runs.Benchmarking;

/// <summary>One stage's measurement: frames per second of wall time, and CPU seconds spent per frame (all threads).</summary>
public sealed record StageMeasure(string Name, long Frames, double WallSeconds, double CpuSeconds)
{
    public double Fps => Frames / Math.Max(WallSeconds, 1e-9);

    public double CpuMillisecondsPerFrame => 1000 * CpuSeconds / Math.Max(Frames, 1);
}

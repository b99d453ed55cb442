namespace Analytics.Runs.Benchmarking;

/// <summary>
/// What <c>analytics bench --archive</c> reports for one size of the archive, every figure from one process: decoding
/// alone, the gate's picture difference alone, and the archive analysed with the gate off then on, with what each counted.
/// </summary>
public sealed record ArchiveReport(
    string Size,
    string Model,
    double AnalysisFps,
    int Cores,
    double QuietShare,
    int Segments,
    StageMeasure Decode,
    StageMeasure Motion,
    ArchiveRun Off,
    ArchiveRun On,
    ArchiveRun LongFileOn)
{
    /// <summary>Files analysed side by side in each run.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Throughput on the segments over throughput on the same footage as one long file per scene, gate on.</summary>
    public double SegmentedShare => On.Fps / Math.Max(LongFileOn.Fps, 1e-9);

    /// <summary>The same by CPU time per frame.</summary>
    public double SegmentedCpuShare => LongFileOn.CpuMillisecondsPerFrame / Math.Max(On.CpuMillisecondsPerFrame, 1e-9);

    /// <summary>Throughput with the gate on over throughput with it off (wall time).</summary>
    public double Speedup => On.Fps / Math.Max(Off.Fps, 1e-9);

    /// <summary>The same by CPU time: less sensitive to other work on a shared machine.</summary>
    public double CpuSpeedup => Off.CpuSeconds / Math.Max(On.CpuSeconds, 1e-9);

    /// <summary>Crossings counted with the gate on, relative to those counted with it off (0.01 is 1 % more).</summary>
    public double CrossingsDifference => (On.TotalCrossings - Off.TotalCrossings) / (double)Math.Max(1, Off.TotalCrossings);

    /// <summary>The largest difference on one camera, line, direction and class, relative to its count with the gate off.</summary>
    public double LargestLineDifference => Off.Crossings.Keys.Union(On.Crossings.Keys)
        .Select(k => Math.Abs(On.Crossings.GetValueOrDefault(k) - Off.Crossings.GetValueOrDefault(k)) / (double)Math.Max(1, Off.Crossings.GetValueOrDefault(k)))
        .DefaultIfEmpty(0).Max();

    /// <summary>Occupancy peaks (camera, zone, class, bin) that differ between the two runs.</summary>
    public int PeaksDiffering => Off.Peaks.Keys.Union(On.Peaks.Keys).Count(k => Off.Peaks.GetValueOrDefault(k) != On.Peaks.GetValueOrDefault(k));

    /// <summary>Share of the gate-on run's CPU time that decoding alone costs.</summary>
    public double DecodeShareOn => Decode.CpuSeconds / Math.Max(On.CpuSeconds, 1e-9);

    /// <summary>Share of the gate-off run's CPU time that decoding alone costs.</summary>
    public double DecodeShareOff => Decode.CpuSeconds / Math.Max(Off.CpuSeconds, 1e-9);
}

using Analytics.Vision.Detection;

namespace Analytics.Cli.Analysis;

/// <summary>How a run analyses its inputs; recorded in run.json.</summary>
internal sealed record AnalysisSettings
{
    /// <summary>Frames per second analysed (capped at each file's own rate).</summary>
    public double AnalysisFps { get; init; } = 10;

    /// <summary>Files analysed side by side; each has its own decode, inference and tracking threads.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Detection confidence at or above which an object is trusted to start and lead a track.</summary>
    public float Threshold { get; init; } = 0.35f;

    /// <summary>Model id or file from the allow-list; null for the manifest's default.</summary>
    public string? Model { get; init; }

    public ExecutionProvider Provider { get; init; } = ExecutionProvider.Cpu;

    /// <summary>An input modified less than this many seconds ago may still be being written: it is refused.</summary>
    public double SettleSeconds { get; init; } = 60;

    /// <summary>
    /// Minutes of footage per checkpoint window: a long file is tracked and counted window by window, and a crash
    /// loses at most the window in progress. Part of the analysis (objects crossing a window's edge are tracked by
    /// both windows' trackers), so the same value gives the same statistics.
    /// </summary>
    public double CheckpointMinutes { get; init; } = 10;

    /// <summary>The nightly state folder (<c>--state</c>), or null for a run that analyses every input.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Detections below this never reach the tracker; those between it and <see cref="Threshold"/> only keep tracks alive.</summary>
    public float DetectorFloor => Math.Min(0.1f, Threshold);

    public IEnumerable<string> Validate()
    {
        if (AnalysisFps is <= 0 or > 120 || double.IsNaN(AnalysisFps))
        {
            yield return FormattableString.Invariant($"--analysis-fps: {AnalysisFps} is not between 0 and 120");
        }

        if (Workers is < 1 or > 64)
        {
            yield return $"--workers: {Workers} is not between 1 and 64";
        }

        if (SettleSeconds is < 0 or > 86_400 || double.IsNaN(SettleSeconds))
        {
            yield return FormattableString.Invariant($"--settle-seconds: {SettleSeconds} is not between 0 and 86400");
        }

        if (CheckpointMinutes is < 0.1 or > 1440 || double.IsNaN(CheckpointMinutes))
        {
            yield return FormattableString.Invariant($"--checkpoint-minutes: {CheckpointMinutes} is not between 0.1 and 1440");
        }

        if (Threshold is <= 0.1f or > 1f || float.IsNaN(Threshold))
        {
            yield return FormattableString.Invariant($"--threshold: {Threshold} is not in (0.1, 1]");
        }
    }
}

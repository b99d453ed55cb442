using System.Globalization;
using Analytics.Core.Tracking;

namespace Analytics.Runs.Jobs;

/// <summary>
/// What changes the statistics the same footage yields: part of each camera's analysis key (a nightly state never
/// mixes results of different options) and recorded in run.json.
/// </summary>
public sealed record AnalysisOptions
{
    /// <summary>Frames per second analysed (capped at each file's own rate).</summary>
    public double AnalysisFps { get; init; } = 10;

    /// <summary>Detection confidence at or above which an object is trusted to start and lead a track.</summary>
    public float Threshold { get; init; } = 0.35f;

    /// <summary>Model id or file from the allow-list; null for the manifest's default.</summary>
    public string? Model { get; init; }

    /// <summary>
    /// Minutes of footage per checkpoint window: a long file is tracked and counted window by window, and a crash
    /// loses at most the window in progress. Part of the analysis (objects crossing a window's edge are tracked by
    /// both windows' trackers), so the same value gives the same statistics.
    /// </summary>
    public double CheckpointMinutes { get; init; } = 10;

    /// <summary>
    /// Whether frames in which nothing moved skip inference: the objects of the last detected frame carry on to them
    /// (see <c>InferenceGate</c>). Part of the analysis: the gate can change what a frame's tracker sees.
    /// </summary>
    public MotionGateMode MotionGate { get; init; } = MotionGateMode.On;

    /// <summary>Detections below this never reach the tracker; those between it and <see cref="Threshold"/> only keep tracks alive.</summary>
    public float DetectorFloor => Math.Min(0.1f, Threshold);

    /// <summary>The tracker's thresholds, derived from these options in this one place.</summary>
    public TrackerOptions Tracker => new()
    {
        HighScoreThreshold = Threshold,
        NewTrackThreshold = Threshold,
        LowScoreThreshold = DetectorFloor,
    };

    public IEnumerable<SettingProblem> Validate()
    {
        if (AnalysisFps is <= 0 or > 120 || double.IsNaN(AnalysisFps))
        {
            yield return new(nameof(AnalysisFps), Invariant($"{AnalysisFps} is not between 0 and 120"));
        }

        if (CheckpointMinutes is < 0.1 or > 1440 || double.IsNaN(CheckpointMinutes))
        {
            yield return new(nameof(CheckpointMinutes), Invariant($"{CheckpointMinutes} is not between 0.1 and 1440"));
        }

        if (Threshold is <= 0.1f or > 1f || float.IsNaN(Threshold))
        {
            yield return new(nameof(Threshold), Invariant($"{Threshold} is not in (0.1, 1]"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

namespace Analytics.Core.Tracking;

/// <summary>ByteTrack settings. Times are in seconds so that they mean the same at any analysis frame rate.</summary>
public sealed record TrackerOptions
{
    /// <summary>Detections at or above this score are "high": they lead the first association and may start tracks.</summary>
    public float HighScoreThreshold { get; init; } = 0.35f;

    /// <summary>Detections between this and <see cref="HighScoreThreshold"/> only keep existing tracks alive (occlusion).</summary>
    public float LowScoreThreshold { get; init; } = 0.1f;

    /// <summary>A new track starts from an unmatched high detection at or above this score.</summary>
    public float NewTrackThreshold { get; init; } = 0.4f;

    /// <summary>Minimum IoU between a track's predicted box and a high detection (first association).</summary>
    public float HighMatchIoU { get; init; } = 0.2f;

    /// <summary>Minimum IoU for a low-score detection to continue a track (second association).</summary>
    public float LowMatchIoU { get; init; } = 0.5f;

    /// <summary>Minimum IoU for a tentative track's second detection.</summary>
    public float TentativeMatchIoU { get; init; } = 0.3f;

    /// <summary>Consecutive matched frames before a track is confirmed; unconfirmed tracks never count.</summary>
    public int ConfirmationHits { get; init; } = 2;

    /// <summary>How long a confirmed track that is no longer seen is kept for re-association (occlusions).</summary>
    public TimeSpan LostTrackBuffer { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether a box round two followed people goes only to the one whose feet bound it (on by default; off only to
    /// measure what the rule buys, in the counting-accuracy benchmark).
    /// </summary>
    internal bool SeparateGroupBoxes { get; init; } = true;

    /// <summary>
    /// Whether a confirmed track seen in the previous frame that no box overlaps may take a box where its motion leads
    /// (on by default; off only to measure what the rule buys, in the counting-accuracy benchmark).
    /// </summary>
    internal bool MotionRecovery { get; init; } = true;

    public IEnumerable<string> Validate()
    {
        if (LowScoreThreshold is <= 0 or > 1 || HighScoreThreshold < LowScoreThreshold || HighScoreThreshold > 1)
        {
            yield return $"thresholds must satisfy 0 < low ({LowScoreThreshold}) ≤ high ({HighScoreThreshold}) ≤ 1";
        }

        if (NewTrackThreshold < HighScoreThreshold)
        {
            yield return $"new-track threshold {NewTrackThreshold} is below the high-score threshold {HighScoreThreshold}";
        }

        if (ConfirmationHits < 1)
        {
            yield return "confirmation hits must be at least 1";
        }

        if (LostTrackBuffer < TimeSpan.Zero)
        {
            yield return "the lost-track buffer must not be negative";
        }
    }
}

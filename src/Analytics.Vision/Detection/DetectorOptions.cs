namespace Analytics.Vision.Detection;

/// <summary>Detector settings. Defaults are those the sample videos were checked with.</summary>
public sealed record DetectorOptions
{
    /// <summary>Lowest score (objectness × class probability) a detection may have to be reported, in (0, 1].</summary>
    public float ScoreThreshold { get; init; } = 0.25f;

    /// <summary>IoU above which a same-class box is suppressed by a higher-scored one.</summary>
    public float NmsIoUThreshold { get; init; } = 0.45f;

    public ExecutionProvider Provider { get; init; } = ExecutionProvider.Cpu;

    /// <summary>Threads one inference may use; 0 lets ONNX Runtime use every core.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>
    /// Whether ONNX Runtime's worker threads spin between inferences. Off by default: in the pipeline, decoding and
    /// tracking need the same cores between two inferences, and spinning threads would take them.
    /// </summary>
    public bool AllowSpinning { get; init; }

    internal IEnumerable<string> Validate()
    {
        if (ScoreThreshold is <= 0f or > 1f or float.NaN)
        {
            yield return $"score threshold {ScoreThreshold} is not in (0, 1]";
        }

        if (NmsIoUThreshold is <= 0f or > 1f or float.NaN)
        {
            yield return $"NMS IoU threshold {NmsIoUThreshold} is not in (0, 1]";
        }

        if (IntraOpThreads < 0)
        {
            yield return $"intra-op threads {IntraOpThreads} is negative";
        }
    }
}

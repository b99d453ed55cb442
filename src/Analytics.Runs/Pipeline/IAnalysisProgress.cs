namespace Analytics.Runs.Pipeline;

/// <summary>Where a run reports how far it got: live bars on a terminal, or periodic log lines for a scheduler.</summary>
public interface IAnalysisProgress
{
    /// <summary>An input starts; <paramref name="expectedFrames"/> is an estimate of the frames to analyse (0 if unknown).</summary>
    void Started(string name, long expectedFrames);

    /// <summary>An input has analysed <paramref name="framesAnalysed"/> frames so far.</summary>
    void Advanced(string name, long framesAnalysed);

    void Finished(string name, bool succeeded);

    /// <summary>Whether this display wants <see cref="Planned"/>: estimating means opening every input's container once more.</summary>
    bool WantsEstimate => false;

    /// <summary>Before the first input starts: about how many frames the whole run will analyse.</summary>
    void Planned(long expectedFrames)
    {
    }
}

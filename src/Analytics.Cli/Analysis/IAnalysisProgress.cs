namespace Analytics.Cli.Analysis;

/// <summary>Where a run reports how far it got: live bars on a terminal, or periodic log lines for a scheduler.</summary>
internal interface IAnalysisProgress
{
    /// <summary>An input starts; <paramref name="expectedFrames"/> is an estimate of the frames to analyse (0 if unknown).</summary>
    void Started(string name, long expectedFrames);

    /// <summary>An input has analysed <paramref name="framesAnalysed"/> frames so far.</summary>
    void Advanced(string name, long framesAnalysed);

    void Finished(string name, bool succeeded);
}

/// <summary>Reports nothing: for <c>--progress off</c> and for measurements.</summary>
internal sealed class NoProgress : IAnalysisProgress
{
    public static readonly NoProgress Instance = new();

    public void Started(string name, long expectedFrames)
    {
    }

    public void Advanced(string name, long framesAnalysed)
    {
    }

    public void Finished(string name, bool succeeded)
    {
    }
}

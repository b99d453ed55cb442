namespace Analytics.Runs.Pipeline;

/// <summary>Reports nothing: for runs without a display, and for measurements.</summary>
public sealed class NoProgress : IAnalysisProgress
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

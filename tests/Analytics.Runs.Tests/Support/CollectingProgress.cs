using System.Collections.Concurrent;
using Analytics.Runs.Pipeline;

namespace Analytics.Runs.Tests.Support;

/// <summary>Keeps what a run reported of its progress, in order, for the test to read (the inputs report from several threads).</summary>
internal sealed class CollectingProgress(bool wantsEstimate = false) : IAnalysisProgress
{
    private readonly ConcurrentQueue<string> _events = new();

    public bool WantsEstimate => wantsEstimate;

    /// <summary>The frames <see cref="IAnalysisProgress.Planned"/> announced; null when it was not called.</summary>
    public long? PlannedFrames { get; private set; }

    /// <summary>"started NAME", "finished NAME ok|failed", in the order they came.</summary>
    public IReadOnlyList<string> Events => [.. _events];

    /// <summary>The last frame count each input reported.</summary>
    public ConcurrentDictionary<string, long> FramesReported { get; } = new(StringComparer.Ordinal);

    public void Planned(long expectedFrames) => PlannedFrames = expectedFrames;

    public void Started(string name, long expectedFrames) => _events.Enqueue($"started {name}");

    public void Advanced(string name, long framesAnalysed) => FramesReported[name] = framesAnalysed;

    /// <summary>Called when an input is finished, after it is recorded (to act at that point of the run).</summary>
    public Action<string, bool>? OnFinished { get; init; }

    public void Finished(string name, bool succeeded)
    {
        _events.Enqueue($"finished {name} {(succeeded ? "ok" : "failed")}");
        OnFinished?.Invoke(name, succeeded);
    }
}

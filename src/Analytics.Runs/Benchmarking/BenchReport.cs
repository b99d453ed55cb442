using Analytics.Runs.Jobs;

namespace Analytics.Runs.Benchmarking;

/// <summary>What <c>analytics bench</c> reports; every figure from one process and one run.</summary>
public sealed record BenchReport(
    string Video,
    string Model,
    double AnalysisFps,
    int Cores,
    int Files,
    StageMeasure Decode,
    StageMeasure Letterbox,
    StageMeasure InferenceOneSession,
    StageMeasure InferenceSessionPerCore,
    StageMeasure Tracking,
    StageMeasure EndToEnd)
{
    /// <summary>The motion gate of the end-to-end run.</summary>
    public MotionGateMode MotionGate { get; init; }

    /// <summary>Frames of the end-to-end run the motion gate let through without inference.</summary>
    public long FramesSkipped { get; init; }

    public StageMeasure BestInference => InferenceSessionPerCore.Fps > InferenceOneSession.Fps ? InferenceSessionPerCore : InferenceOneSession;

    /// <summary>CPU time per frame of the stages one after the other, the inference at its best layout.</summary>
    public double CpuSecondsPerFrame =>
        (Decode.CpuMillisecondsPerFrame + Letterbox.CpuMillisecondsPerFrame + BestInference.CpuMillisecondsPerFrame + Tracking.CpuMillisecondsPerFrame) / 1000;

    /// <summary>The most frames per second this machine could analyse: every core busy with useful work only.</summary>
    public double CeilingFps => Cores / CpuSecondsPerFrame;

    public double Ratio => EndToEnd.Fps / CeilingFps;

    /// <summary>Seconds of video analysed per second of wall time.</summary>
    public double RealtimeFactor => EndToEnd.Fps / AnalysisFps;
}

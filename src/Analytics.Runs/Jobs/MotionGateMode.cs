namespace Analytics.Runs.Jobs;

/// <summary>Whether frames in which nothing moved skip inference (<see cref="AnalysisOptions.MotionGate"/>).</summary>
public enum MotionGateMode
{
    /// <summary>Every frame at the analysis rate goes through the detector.</summary>
    Off,

    /// <summary>A frame in which nothing moved, while no tracked object moves, is not detected again: the tracks carry.</summary>
    On,
}

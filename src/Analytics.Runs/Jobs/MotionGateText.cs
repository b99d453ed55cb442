namespace Analytics.Runs.Jobs;

/// <summary>How run.json, the audit log and the front ends write a <see cref="MotionGateMode"/>: "off" or "on".</summary>
public static class MotionGateText
{
    public static string Of(MotionGateMode mode) => mode == MotionGateMode.On ? "on" : "off";
}

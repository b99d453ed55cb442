namespace Analytics.Runs.Outcomes;

/// <summary>What became of one input; written in run.json and the audit log as <c>ok</c>, <c>failed</c> or <c>refused</c>.</summary>
public enum InputStatus
{
    /// <summary>Analysed to its end: its statistics are in the dataset.</summary>
    Analysed,

    /// <summary>Could not be read or decoded: its time is a coverage gap.</summary>
    Failed,

    /// <summary>Refused before it was opened (past retention, still being written, not a recording).</summary>
    Refused,
}

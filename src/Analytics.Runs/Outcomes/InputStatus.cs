namespace Analytics.Runs.Outcomes;

/// <summary>What became of one input; written in run.json and the audit log as <c>ok</c>, <c>failed</c> or <c>refused</c>.</summary>
public enum InputStatus
{
    /// <summary>Analysed to its end: its statistics are in the dataset.</summary>
    Analysed,

    /// <summary>Could not be read or decoded: its time is a coverage gap.</summary>
    Failed,

    /// <summary>
    /// Decoding failed part-way (a file cut short, a damaged stretch): the footage decoded cleanly before the failure is
    /// in the statistics and the coverage, the rest of the file is a coverage gap.
    /// </summary>
    Partial,

    /// <summary>Refused before it was opened (past retention, still being written, not a recording).</summary>
    Refused,
}

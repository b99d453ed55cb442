namespace Analytics.Runs.State;

/// <summary>Why a state folder cannot serve a job: each calls for a different remedy.</summary>
public enum StateProblem
{
    /// <summary>A state file cannot be read, or has a format this version does not read: restore or delete it.</summary>
    Damaged,

    /// <summary>The state was built for another purpose, controller or decision: give the job its own state folder.</summary>
    OtherPurpose,

    /// <summary>A camera's lines, zones, masks, the model or an option changed: analyse again on request, or use a new folder.</summary>
    AnalysisChanged,
}

namespace Analytics.Cli.Host;

/// <summary>When to draw live progress bars.</summary>
internal enum ProgressMode
{
    /// <summary>Bars on an interactive terminal with text logs, periodic log lines otherwise.</summary>
    Auto,

    /// <summary>Always bars.</summary>
    On,

    /// <summary>No progress output; start and end are still logged.</summary>
    Off,
}

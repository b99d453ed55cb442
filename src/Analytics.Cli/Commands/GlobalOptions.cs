using System.CommandLine;
using Analytics.Cli.Logging;

namespace Analytics.Cli.Commands;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<LogFormat> LogFormat = new("--log-format")
    {
        Description = "Log format on standard error: 'text' for people, 'json' for JSON lines (one event per line, for log collectors)",
        DefaultValueFactory = _ => Logging.LogFormat.Text,
        Recursive = true,
    };

    public static readonly Option<string?> ModelsDirectory = new("--models-dir")
    {
        Description = "Folder holding models.json and the model files (default: models/ of the installation)",
        Recursive = true,
    };
}

using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace Analytics.Cli.Logging;

/// <summary>How log events are written: for people on a terminal, or as JSON lines for a log collector.</summary>
internal enum LogFormat
{
    Text,
    Json,
}

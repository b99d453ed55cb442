using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Analytics.Cli.Logging;

/// <summary>How log events are written: for people on a terminal, or as JSON lines for a log collector.</summary>
internal enum LogFormat
{
    Text,
    Json,
}

/// <summary>
/// The one place Serilog is configured. Logs go to standard error so that standard output carries only a
/// command's result (a summary, a notice, a JSON report) and can be piped.
/// </summary>
internal static class AppLogging
{
    public static Logger Create(LogFormat format, LogEventLevel minimumLevel = LogEventLevel.Information)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(minimumLevel)
            .Enrich.WithProperty("app", "analytics");

        return format switch
        {
            LogFormat.Json => configuration
                .WriteTo.Console(new RenderedCompactJsonFormatter(), standardErrorFromLevel: LogEventLevel.Verbose)
                .CreateLogger(),
            _ => configuration
                .WriteTo.Console(
                    outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}",
                    standardErrorFromLevel: LogEventLevel.Verbose,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture)
                .CreateLogger(),
        };
    }
}

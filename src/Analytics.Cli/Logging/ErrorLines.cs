using Serilog.Events;

namespace Analytics.Cli.Logging;

/// <summary>
/// Messages written on standard error before or outside a command's own logger (an invalid command line, an error no
/// command expected): plain lines for people, or error events in the log's JSON format so that with
/// <c>--log-format json</c> every line on standard error is JSON.
/// </summary>
internal static class ErrorLines
{
    public static void Write(TextWriter error, LogFormat format, IReadOnlyList<string> lines)
    {
        if (format == LogFormat.Text)
        {
            foreach (var line in lines)
            {
                error.WriteLine(line);
            }

            return;
        }

        using var log = AppLogging.Create(format, error, LogEventLevel.Error);
        foreach (var line in lines)
        {
            log.Error("{Message:l}", line);
        }
    }
}

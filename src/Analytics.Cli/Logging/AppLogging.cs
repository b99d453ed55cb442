using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace Analytics.Cli.Logging;

/// <summary>
/// The one place Serilog is configured. Logs go to standard error so that standard output carries only a
/// command's result (a summary, a notice, a JSON report) and can be piped.
/// </summary>
internal static class AppLogging
{
    private const string TextTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// A logger writing to <paramref name="destination"/> (standard error when null, with colours on a terminal).
    /// Commands pass their invocation's error writer, so that an embedding host or a test sees the log.
    /// </summary>
    public static Logger Create(LogFormat format, TextWriter? destination = null, LogEventLevel minimumLevel = LogEventLevel.Information)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(minimumLevel)
            .Enrich.WithProperty("app", "analytics");

        if (destination is null || ReferenceEquals(destination, Console.Error))
        {
            return format == LogFormat.Json
                ? configuration.WriteTo.Console(new RenderedCompactJsonFormatter(), standardErrorFromLevel: LogEventLevel.Verbose).CreateLogger()
                : configuration.WriteTo.Console(outputTemplate: TextTemplate, standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: CultureInfo.InvariantCulture).CreateLogger();
        }

        ITextFormatter formatter = format == LogFormat.Json
            ? new RenderedCompactJsonFormatter()
            : new MessageTemplateTextFormatter(TextTemplate, CultureInfo.InvariantCulture);
        return configuration.WriteTo.Sink(new TextWriterSink(formatter, destination)).CreateLogger();
    }

    private sealed class TextWriterSink(ITextFormatter formatter, TextWriter writer) : ILogEventSink
    {
        private readonly Lock _lock = new();

        public void Emit(LogEvent logEvent)
        {
            lock (_lock)
            {
                formatter.Format(logEvent, writer);
                writer.Flush();
            }
        }
    }
}

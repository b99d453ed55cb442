using System.Collections.Concurrent;
using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Analytics.Runs.Tests.Support;

/// <summary>A Serilog sink that keeps every event's rendered message, for tests to read what a run told its operator.</summary>
internal sealed class CollectingLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<(LogEventLevel Level, string Message)> _events = new();

    public IReadOnlyList<(LogEventLevel Level, string Message)> Events => [.. _events];

    /// <summary>Every message, one per line.</summary>
    public string Text => string.Join('\n', _events.Select(e => e.Message));

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        _events.Enqueue((logEvent.Level, logEvent.RenderMessage(CultureInfo.InvariantCulture)));
    }

    /// <summary>A logger writing every level to this sink.</summary>
    public ILogger Logger() => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();
}

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
    private readonly ConcurrentQueue<string> _withProperties = new();

    public IReadOnlyList<(LogEventLevel Level, string Message)> Events => [.. _events];

    /// <summary>
    /// Every message followed by each property the event carries (<c>Name=value</c>), one per line: what a JSON log
    /// line shows of it, properties the message does not name included.
    /// </summary>
    public IReadOnlyList<string> MessagesWithProperties => [.. _withProperties];

    /// <summary>Every message, one per line.</summary>
    public string Text => string.Join('\n', _events.Select(e => e.Message));

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var message = logEvent.RenderMessage(CultureInfo.InvariantCulture);
        _events.Enqueue((logEvent.Level, message));
        _withProperties.Enqueue(string.Join(' ', [message, .. logEvent.Properties.Select(p => $"{p.Key}={p.Value}")]));
    }

    /// <summary>A logger writing every level to this sink.</summary>
    public ILogger Logger() => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Analytics.Runs.Pipeline;
using Serilog;

namespace Analytics.Cli.Host;

/// <summary>Plain log lines for schedulers and redirected output: a line when a file starts and ends, and every 10 s.</summary>
internal sealed class LoggedProgress(ILogger log) : IAnalysisProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (Stopwatch Clock, long Expected, TimeSpan LastReport)> _files = new();

    public void Started(string name, long expectedFrames)
    {
        _files[name] = (Stopwatch.StartNew(), expectedFrames, TimeSpan.Zero);
        log.Information("{File}: started, about {Expected} frames to analyse", name, expectedFrames);
    }

    public void Advanced(string name, long framesAnalysed)
    {
        if (!_files.TryGetValue(name, out var file) || file.Clock.Elapsed - file.LastReport < Interval)
        {
            return;
        }

        _files[name] = file with { LastReport = file.Clock.Elapsed };
        var fps = framesAnalysed / Math.Max(file.Clock.Elapsed.TotalSeconds, 1e-3);
        var left = file.Expected > framesAnalysed && fps > 0 ? TimeSpan.FromSeconds((file.Expected - framesAnalysed) / fps) : TimeSpan.Zero;
        log.Information("{File}: {Frames}/{Expected} frames ({Percent:0}%), {Fps:0.0} fps, about {Left:hh\\:mm\\:ss} left",
            name, framesAnalysed, file.Expected, file.Expected > 0 ? 100.0 * framesAnalysed / file.Expected : 0, fps, left);
    }

    public void Finished(string name, bool succeeded) => _files.TryRemove(name, out _);
}

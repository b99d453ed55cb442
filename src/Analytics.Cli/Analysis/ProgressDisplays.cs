using System.Collections.Concurrent;
using System.Diagnostics;
using Serilog;
using Spectre.Console;

namespace Analytics.Cli.Analysis;

/// <summary>Live bars on a terminal (standard error): one per file and one overall, with frames, fps and time left.</summary>
internal sealed class LiveProgress(ProgressContext context, long expectedTotal) : IAnalysisProgress
{
    private readonly ConcurrentDictionary<string, (ProgressTask Task, Stopwatch Clock, long Expected)> _files = new();
    private readonly ProgressTask _overall = context.AddTask("[bold]all files[/]", maxValue: Math.Max(1, expectedTotal));
    private long _done;

    public void Started(string name, long expectedFrames)
    {
        var task = context.AddTask(Markup.Escape(name), maxValue: Math.Max(1, expectedFrames));
        _files[name] = (task, Stopwatch.StartNew(), expectedFrames);
    }

    public void Advanced(string name, long framesAnalysed)
    {
        if (!_files.TryGetValue(name, out var file))
        {
            return;
        }

        var delta = framesAnalysed - (long)file.Task.Value;
        file.Task.Value = Math.Min(framesAnalysed, file.Task.MaxValue);
        var fps = framesAnalysed / Math.Max(file.Clock.Elapsed.TotalSeconds, 1e-3);
        file.Task.Description = Markup.Escape(FormattableString.Invariant($"{name}  {framesAnalysed}/{file.Expected} frames  {fps:0.0} fps"));
        _overall.Value = Math.Min(Interlocked.Add(ref _done, delta), _overall.MaxValue);
    }

    public void Finished(string name, bool succeeded)
    {
        if (_files.TryGetValue(name, out var file))
        {
            file.Task.Description = Markup.Escape(name) + (succeeded ? "  [green]done[/]" : "  [red]failed[/]");
            file.Task.Value = file.Task.MaxValue;
            file.Task.StopTask();
        }
    }

    public static async Task<T> RunAsync<T>(long expectedTotal, Func<IAnalysisProgress, Task<T>> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(context => work(new LiveProgress(context, expectedTotal)));
    }
}

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

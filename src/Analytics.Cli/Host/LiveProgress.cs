using System.Collections.Concurrent;
using System.Diagnostics;
using Analytics.Runs.Pipeline;
using Spectre.Console;

namespace Analytics.Cli.Host;

/// <summary>Live bars on a terminal (standard error): one per file and one overall, with frames, fps and time left.</summary>
internal sealed class LiveProgress(ProgressContext context) : IAnalysisProgress
{
    private readonly ConcurrentDictionary<string, (ProgressTask Task, Stopwatch Clock, long Expected)> _files = new();
    private readonly ProgressTask _overall = context.AddTask("[bold]all files[/]", maxValue: 1);
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

    public bool WantsEstimate => true;

    public void Planned(long expectedFrames) => _overall.MaxValue = Math.Max(1, expectedFrames);

    public static async Task<T> RunAsync<T>(Func<IAnalysisProgress, Task<T>> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(context => work(new LiveProgress(context)));
    }
}

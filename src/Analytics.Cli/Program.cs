using System.CommandLine;
using Analytics.Cli.Commands;
using Analytics.Cli.Host;
using Analytics.Cli.Logging;

namespace Analytics.Cli;

internal static class Program
{
    /// <summary>
    /// On Ctrl-C or SIGTERM the running command's token is cancelled; it then has this long to stop cleanly (record
    /// the interruption in the audit log, leave no partial output) before the process is ended anyway.
    /// </summary>
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(30);

    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error, CancellationToken.None);

    /// <summary>
    /// Parses and runs a command line. An invalid one (an unknown command or option, a missing or malformed value)
    /// is exit code 2, like a bad job file: nothing was run. An exception no command expected (a bug) never reaches
    /// the user as a stack trace: one sentence says what happened and where its details were written, exit code 70.
    /// With <c>--log-format json</c> these messages are JSON lines like the rest of the log.
    /// </summary>
    internal static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(BuildRootCommand(), args, output, error, cancellationToken);

    /// <summary>As <see cref="RunAsync(string[], TextWriter, TextWriter, CancellationToken)"/>, over the commands of <paramref name="root"/>.</summary>
    internal static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var parse = root.Parse(args);
        var format = LogFormatOf(parse);
        if (parse.Errors.Count > 0)
        {
            ErrorLines.Write(error, format, [
                .. parse.Errors.Select(p => $"analytics: {p.Message}"),
                "Run './analytics --help' (or 'COMMAND --help') for the commands and their options.",
            ]);
            return ExitCodes.InvalidInput;
        }

        try
        {
            return await parse.InvokeAsync(
                new InvocationConfiguration { ProcessTerminationTimeout = TerminationGrace, Output = output, Error = error, EnableDefaultExceptionHandler = false },
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            var report = CrashReport.Write(args, e);
            ErrorLines.Write(error, format, [
                $"analytics: an unexpected error stopped the command ({e.GetType().Name}: {e.Message}). This is a bug, not a problem with your files; " +
                (report is null ? "the details could not be written to a file." : $"the details are in {report}: please send them with your report."),
            ]);
            return ExitCodes.InternalError;
        }
    }

    private static LogFormat LogFormatOf(ParseResult parse)
    {
        try
        {
            return parse.GetValue(GlobalOptions.LogFormat);
        }
        catch (InvalidOperationException)
        {
            return LogFormat.Text; // the --log-format value itself is the command line's problem
        }
    }

    internal static RootCommand BuildRootCommand()
    {
        var root = new RootCommand(
            "Analytics: statistics of pedestrian, cycle and vehicle flows from RECORDED CCTV video. " +
            "Deferred analysis only (no live streams), statistics only (no image, box, track or identity is ever written), " +
            "no biometrics.");
        root.Options.Add(GlobalOptions.LogFormat);
        root.Options.Add(GlobalOptions.ModelsDirectory);
        root.Subcommands.Add(AnalyseCommand.Create());
        root.Subcommands.Add(AccuracyCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(NoticeCommand.Create());
        root.Subcommands.Add(QueryCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(SamplesCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        return root;
    }
}

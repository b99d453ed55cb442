using System.CommandLine;
using Analytics.Cli.Commands;
using Analytics.Cli.Host;

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
    /// is exit code 2, like a bad job file: nothing was run.
    /// </summary>
    internal static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var parse = BuildRootCommand().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                error.WriteLine($"analytics: {problem.Message}");
            }

            error.WriteLine("Run './analytics --help' (or 'COMMAND --help') for the commands and their options.");
            return Task.FromResult(ExitCodes.InvalidInput);
        }

        return parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TerminationGrace, Output = output, Error = error }, cancellationToken);
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
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(NoticeCommand.Create());
        root.Subcommands.Add(QueryCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(SamplesCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        return root;
    }
}

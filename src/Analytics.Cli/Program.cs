using System.CommandLine;
using Analytics.Cli.Commands;

namespace Analytics.Cli;

internal static class Program
{
    /// <summary>
    /// On Ctrl-C or SIGTERM the running command's token is cancelled; it then has this long to stop cleanly (record
    /// the interruption in the audit log, leave no partial output) before the process is ended anyway.
    /// </summary>
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(30);

    public static Task<int> Main(string[] args) =>
        BuildRootCommand().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TerminationGrace });

    internal static RootCommand BuildRootCommand()
    {
        var root = new RootCommand(
            "Analytics: statistics of pedestrian, cycle and vehicle flows from RECORDED CCTV video. " +
            "Deferred analysis only (no live streams), statistics only (no image, box, track or identity is ever written), " +
            "no biometrics.");
        root.Options.Add(GlobalOptions.LogFormat);
        root.Options.Add(GlobalOptions.ModelsDirectory);
        root.Subcommands.Add(AnalyseCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(NoticeCommand.Create());
        root.Subcommands.Add(SamplesCommand.Create());
        return root;
    }
}

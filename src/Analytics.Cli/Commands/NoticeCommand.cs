using System.CommandLine;
using Analytics.Cli.Host;
using Analytics.Runs.Compliance;
using Analytics.Runs.Jobs;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics notice --job JOB</c>: the public notice and register entry to publish, in French and English.</summary>
internal static class NoticeCommand
{
    public static Command Create()
    {
        var job = new Option<FileInfo>("--job") { Description = "Job file", Required = true };
        var command = new Command("notice", "Print the public information notice and the processing-register entry of a job (French and English, Markdown)") { job };
        command.SetAction(parse =>
        {
            try
            {
                parse.InvocationConfiguration.Output.Write(PublicNotice.Render(JobLoader.Load(parse.GetValue(job)!.FullName)));
                return ExitCodes.Success;
            }
            catch (JobException e)
            {
                foreach (var problem in e.Problems)
                {
                    parse.InvocationConfiguration.Error.WriteLine(problem);
                }

                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }
}

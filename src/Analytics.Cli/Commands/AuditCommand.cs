using System.CommandLine;
using Analytics.Cli.Host;
using Analytics.Runs;
using Analytics.Runs.Compliance;
using Analytics.Runs.Dataset;
using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;
using Analytics.Runs.Pipeline;
using Analytics.Runs.State;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics audit verify LOG</c>: checks the hash chain of an audit log.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var log = new Argument<FileInfo>("LOG") { Description = "The audit log (audit.jsonl)" };
        var verify = new Command("verify", "Check that no entry of an audit log was edited, deleted, inserted or reordered") { log };
        verify.SetAction(parse =>
        {
            var file = parse.GetValue(log)!;
            var output = parse.InvocationConfiguration.Output;
            if (!file.Exists)
            {
                parse.InvocationConfiguration.Error.WriteLine($"audit log not found: {file.FullName}");
                return ExitCodes.InvalidInput;
            }

            var result = AuditLog.Verify(file.FullName);
            if (result.IsIntact)
            {
                output.WriteLine($"OK: {result.Entries} entries, chain intact. Last hash: {result.LastHash}");
                return ExitCodes.Success;
            }

            output.WriteLine($"BROKEN at entry {result.BrokenLine} (line {result.BrokenLine} of {file.FullName}): {result.Reason}");
            output.WriteLine($"The {result.Entries} entries before it are intact.");
            return ExitCodes.AuditChainBroken;
        });

        var command = new Command("audit", "The tamper-evident audit log of runs");
        command.Subcommands.Add(verify);
        return command;
    }
}

using System.CommandLine;
using Analytics.Cli.Host;
using Analytics.Cli.Logging;
using Analytics.Runs.Compliance;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics audit verify LOG</c> checks the hash chain of an audit log; <c>audit repair LOG</c> mends a torn last line.</summary>
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
                ErrorLines.Write(parse.InvocationConfiguration.Error, parse.GetValue(GlobalOptions.LogFormat), [$"audit log not found: {file.FullName}"]);
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

        var tornLog = new Argument<FileInfo>("LOG") { Description = "The audit log (audit.jsonl)" };
        var repair = new Command("repair", "Mend a log whose last line was torn by a crash or power cut: the torn bytes are kept aside and the repair is recorded on the chain") { tornLog };
        repair.SetAction(parse =>
        {
            var file = parse.GetValue(tornLog)!;
            if (!file.Exists)
            {
                ErrorLines.Write(parse.InvocationConfiguration.Error, parse.GetValue(GlobalOptions.LogFormat), [$"audit log not found: {file.FullName}"]);
                return ExitCodes.InvalidInput;
            }

            var about = new System.Text.Json.Nodes.JsonObject
            {
                ["time"] = DateTimeOffset.Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["operator"] = Environment.UserName,
                ["host"] = Environment.MachineName,
            };
            if (AuditLog.RepairTornTail(file.FullName, about) is { } refusal)
            {
                ErrorLines.Write(parse.InvocationConfiguration.Error, parse.GetValue(GlobalOptions.LogFormat), [$"not repaired: {refusal}"]);
                return ExitCodes.AuditChainBroken;
            }

            parse.InvocationConfiguration.Output.WriteLine($"Repaired: the torn last line ({about["torn_bytes"]} bytes) is kept in {about["torn_kept_in"]}; a 'repaired' entry records it.");
            return ExitCodes.Success;
        });

        var command = new Command("audit", "The tamper-evident audit log of runs");
        command.Subcommands.Add(verify);
        command.Subcommands.Add(repair);
        return command;
    }
}

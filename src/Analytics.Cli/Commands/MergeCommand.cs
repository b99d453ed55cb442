using System.CommandLine;
using Analytics.Cli.Host;
using Analytics.Cli.Logging;
using Analytics.Runs;
using Serilog;

namespace Analytics.Cli.Commands;

/// <summary>
/// <c>analytics merge --job JOB --states DIR… --out OUT</c>: the dataset of a sharded job from its shards' states,
/// byte for byte what one machine analysing the whole job writes.
/// </summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var job = new Option<FileInfo>("--job") { Description = "The job file the shards ran", Required = true };
        var states = new Option<DirectoryInfo[]>("--states")
        {
            Description = "The state folder of every shard (analyse --shard K/N --state DIR)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder: the job's dataset and run.json, as 'analyse' writes them", Required = true };
        var partial = new Option<bool>("--allow-partial") { Description = "Write what the states hold even if shards or inputs are missing; the missing footage is reported as coverage gaps (exit 1)" };
        var audit = new Option<FileInfo?>("--audit-log") { Description = "Append-only, hash-chained audit log (default: audit.jsonl in the output folder)" };
        var layout = CliRuns.LayoutOption();
        var command = new Command("merge", "Merge the states of a sharded job's shards into its dataset (the same files as one 'analyse' over the whole job)")
        {
            job, states, output, partial, audit, layout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var log = AppLogging.Create(parse.GetValue(GlobalOptions.LogFormat), parse.InvocationConfiguration.Error);
            var request = new MergeRequest(parse.GetValue(job)!.FullName, parse.GetValue(states)!.Select(s => s.FullName).ToList(), parse.GetValue(output)!.FullName)
            {
                AllowPartial = parse.GetValue(partial),
                AuditLogPath = parse.GetValue(audit)?.FullName,
                Layout = parse.GetValue(layout),
                ExitCodeOf = ExitCodes.Of,
            };
            var result = await ShardMerge.MergeAsync(request, log, cancellationToken);
            foreach (var problem in result.SettingProblems)
            {
                log.Error("{Option:l}: {Problem:l}", CliRuns.OptionFor(problem), problem.Message);
            }

            if (result.Advice.HasFlag(RunAdvice.AllowPartial))
            {
                log.Error("Run the missing shards (or again the unfinished ones) and merge again; or merge with --allow-partial to write what the states hold, the missing footage reported as coverage gaps.");
            }

            if (result.Advice.HasFlag(RunAdvice.VerifyAuditLog))
            {
                log.Error("Check the audit log with ./analytics audit verify {AuditLog}.", request.AuditLog);
            }

            if (result.Analysis is { } analysis && result.Outcome is RunOutcome.Succeeded or RunOutcome.CompletedWithFailures)
            {
                var output = parse.InvocationConfiguration.Output;
                output.WriteLine($"Merged {request.StateDirectories.Count} shard state(s): {analysis.Files.Count(f => f.Succeeded)} input(s) in the statistics, {analysis.Files.Count(f => !f.Succeeded)} failed, refused or missing.");
                foreach (var failed in analysis.Files.Where(f => !f.Succeeded))
                {
                    output.WriteLine($"  {(failed.FromState ? "FAILED EARLIER" : "FAILED")} {failed.Path}: {failed.Error}");
                }

                output.WriteLine($"Outputs in {request.OutputDirectory}: counts, occupancy, od, coverage, run.json");
            }

            return ExitCodes.Of(result.Outcome);
        });
        return command;
    }
}

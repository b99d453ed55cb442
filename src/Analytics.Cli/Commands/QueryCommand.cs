using System.CommandLine;
using Analytics.Cli.Host;
using Analytics.Output.Query;

namespace Analytics.Cli.Commands;

/// <summary>
/// <c>analytics query --results DIR "SQL" [--csv|--json]</c>: SQL over a run's dataset with an embedded DuckDB, the
/// tables registered as views named counts, occupancy, od and coverage.
/// </summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var results = new Option<DirectoryInfo>("--results") { Description = "A run's output folder", Required = true };
        var sql = new Argument<string>("SQL") { Description = "One SQL statement over the views counts, occupancy, od and coverage (DuckDB's dialect)" };
        var csv = new Option<bool>("--csv") { Description = "Print CSV (header, then one line per row)" };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of objects" };
        var command = new Command("query", "Run SQL over a run's dataset (embedded DuckDB): the views counts, occupancy, od and coverage")
        {
            results, sql, csv, json,
        };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(csv) && parse.GetValue(json))
            {
                error.WriteLine("query: --csv and --json cannot be given together");
                return ExitCodes.InvalidInput;
            }

            try
            {
                using var database = ResultsDatabase.Open(parse.GetValue(results)!.FullName);
                var result = database.Execute(parse.GetValue(sql)!);
                var output = parse.InvocationConfiguration.Output;
                if (parse.GetValue(csv))
                {
                    QueryResultWriter.WriteCsv(result, output);
                }
                else if (parse.GetValue(json))
                {
                    QueryResultWriter.WriteJson(result, output);
                }
                else
                {
                    QueryResultWriter.WriteTable(result, output);
                }

                return ExitCodes.Success;
            }
            catch (QueryException e)
            {
                error.WriteLine($"query: {e.Message}");
                return e.Failure == QueryFailure.InvalidQuery ? ExitCodes.InvalidInput : ExitCodes.DatasetUnavailable;
            }
        });
        return command;
    }
}

using System.CommandLine;
using Analytics.Cli.Host;
using Analytics.Output.Query;
using Analytics.Output.Reports;

namespace Analytics.Cli.Commands;

/// <summary>
/// <c>analytics report --results DIR [--out FILE.html] [--lang en|fr]</c>: one self-contained HTML report of a run
/// (charts, accountability, suppression, inputs, validation) and its charts as PNG files beside it.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var results = new Option<DirectoryInfo>("--results") { Description = "A run's output folder", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "The HTML file to write (default: DIR/report.html); the charts go as PNG files into FILE-charts/ beside it" };
        var language = new Option<string>("--lang") { Description = "Language of the report: en or fr", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong("en", "fr");
        var command = new Command("report", "Write a self-contained HTML report of a run: charts of counts, coverage, daily profile, zones and origin-destination, with the accountability block")
        {
            results, output, language,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var directory = parse.GetValue(results)!.FullName;
            var html = parse.GetValue(output)?.FullName ?? Path.Combine(directory, "report.html");
            try
            {
                var written = await RunReport.WriteAsync(directory, html, parse.GetValue(language) == "fr" ? ReportLanguage.French : ReportLanguage.English, cancellationToken);
                parse.InvocationConfiguration.Output.WriteLine($"Report: {written[0]} ({written.Count - 1} chart(s) also in {RunReport.ChartFolder(written[0])})");
                return ExitCodes.Success;
            }
            catch (QueryException e)
            {
                error.WriteLine($"report: {e.Message}");
                return e.Failure == QueryFailure.InvalidQuery ? ExitCodes.InvalidInput : ExitCodes.DatasetUnavailable;
            }
            catch (OperationCanceledException)
            {
                error.WriteLine("report: interrupted; no report was written");
                return ExitCodes.Interrupted;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"report: {html} could not be written: {e.Message}");
                return ExitCodes.OutputError;
            }
        });
        return command;
    }
}

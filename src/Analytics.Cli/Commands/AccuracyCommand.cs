using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Analytics.Cli.Host;
using Analytics.Cli.Logging;
using Analytics.Runs;
using Analytics.Runs.Accuracy;
using Analytics.Runs.Jobs;
using Analytics.Runs.Validation;
using Serilog.Events;

namespace Analytics.Cli.Commands;

/// <summary>
/// <c>analytics accuracy</c>: runs the accuracy suite (samples/accuracy/suite.json: sample recordings, lines and
/// their truth) through the validation and prints one table, as <c>bench</c> does for speed.
/// </summary>
internal static class AccuracyCommand
{
    private static readonly string[] Header = ["scenario", "lines", "rate", "tool", "truth", "abs error", "MAPE", "GEH<5"];

    public static Command Create()
    {
        var suite = new Option<FileInfo?>("--suite") { Description = "The suite file (default: samples/accuracy/suite.json of the installation)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var model = new Option<string?>("--model") { Description = "Model id or file from models/models.json for every scenario, also those whose job names one for its camera (default: each job's, else the manifest's default)" };
        var fps = new Option<double[]>("--analysis-fps") { Description = "Analysis rates to run every scenario at, instead of each scenario's own", AllowMultipleArgumentsPerToken = true };
        var threshold = new Option<float>("--threshold") { Description = "Detection confidence that starts and leads a track", DefaultValueFactory = _ => 0.35f };
        var gate = CliRuns.MotionGateOption();
        var maxError = new Option<double?>("--max-error") { Description = "Exit with code 7 when the overall total absolute error is above this many percent" };
        var command = new Command("accuracy", "Measure counting accuracy on the suite of sample recordings with known truth: total absolute error, MAPE, GEH per scenario")
        {
            suite, json, model, fps, threshold, gate, maxError,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var analysis = new AnalysisOptions { Model = parse.GetValue(model), Threshold = parse.GetValue(threshold), MotionGate = parse.GetValue(gate) };
            var rates = parse.GetValue(fps) ?? [];
            var problems = analysis.Validate().Select(p => $"--threshold: {p.Message}")
                .Concat(rates.Where(r => r is <= 0 or > 120 || double.IsNaN(r)).Select(r => string.Create(CultureInfo.InvariantCulture, $"--analysis-fps: {r} is not between 0 and 120")))
                .ToList();
            if (problems.Count > 0)
            {
                problems.ForEach(p => error.WriteLine($"accuracy: {p}"));
                return ExitCodes.InvalidInput;
            }

            AccuracySuite loaded;
            try
            {
                loaded = AccuracySuite.Load(parse.GetValue(suite)?.FullName ?? Path.Combine(ProductPaths.Home, "samples", "accuracy", "suite.json"));
            }
            catch (JobException e)
            {
                e.Problems.ToList().ForEach(p => error.WriteLine($"accuracy: {p}"));
                return ExitCodes.InvalidInput;
            }

            using var log = AppLogging.Create(parse.GetValue(GlobalOptions.LogFormat), error, LogEventLevel.Warning);
            var orchestrator = CliRuns.Orchestrator(parse, log);
            AccuracyReport report;
            try
            {
                report = await loaded.RunAsync(orchestrator, analysis, rates, step => error.WriteLine($"accuracy: {step}..."), log, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                error.WriteLine("accuracy: interrupted");
                return ExitCodes.Interrupted;
            }

            output.WriteLine(parse.GetValue(json) ? Json(report, parse.GetValue(maxError)).ToJsonString() : Table(report, analysis.MotionGate));
            if (report.Results.Any(r => r.Failed is not null))
            {
                return ExitCodes.CompletedWithFailures;
            }

            return parse.GetValue(maxError) is { } limit && report.Overall.Exceeds(limit) ? ExitCodes.AboveAllowedError : ExitCodes.Success;
        });
        return command;
    }

    private static string Table(AccuracyReport report, MotionGateMode gate)
    {
        var rows = new List<string[]> { Header };
        foreach (var r in report.Results)
        {
            var rate = r.Rate.ToString("0.##", CultureInfo.InvariantCulture);
            var count = r.Lines.ToString(CultureInfo.InvariantCulture);
            if (r.Report is not { } validation)
            {
                rows.Add([r.Scenario.Id, count, rate, "", "", r.Skipped is not null ? "skipped" : "FAILED", "", ""]);
                continue;
            }

            rows.Add(Row(r.Model is null ? r.Scenario.Id : $"{r.Scenario.Id} ({r.Model})", count, rate, validation.Metrics));
        }

        var lines = report.Results.Where(r => r.Report is not null).DistinctBy(r => r.Scenario.Id).Sum(r => r.Lines);
        rows.Add(Row("overall", lines.ToString(CultureInfo.InvariantCulture), "", report.Overall));
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        text.AppendLine($"Accuracy suite, model {report.Model}, motion gate {MotionGateText.Of(gate)}; tool and truth are crossings summed over the compared bins; MAPE and GEH per line, direction, class and bin");
        for (var i = 0; i < rows.Count; i++)
        {
            text.AppendLine("  " + string.Join("  ", rows[i].Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }

        foreach (var r in report.Results.Where(r => r.Report is null))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {r.Scenario.Id} at {r.Rate:0.##} fps: {r.Skipped ?? r.Failed}"));
        }

        return text.ToString().TrimEnd();
    }

    private static string[] Row(string name, string lines, string rate, AccuracyMetrics m) =>
    [
        name, lines, rate, m.ToolTotal.ToString(CultureInfo.InvariantCulture), m.TruthTotal.ToString(CultureInfo.InvariantCulture),
        ValidationJson.Percent(m.TotalAbsoluteError), ValidationJson.Percent(m.Mape), ValidationJson.Percent(m.GehShareBelow5),
    ];

    private static JsonObject Json(AccuracyReport report, double? maxError)
    {
        JsonObject Metrics(AccuracyMetrics m) => new()
        {
            ["tool_total"] = m.ToolTotal,
            ["truth_total"] = m.TruthTotal,
            ["abs_error_sum"] = m.AbsoluteErrorSum,
            ["total_abs_error"] = Round(m.TotalAbsoluteError),
            ["mape"] = Round(m.Mape),
            ["geh_share_below_5"] = Round(m.GehShareBelow5),
            ["cells"] = m.Cells,
        };
        var scenarios = new JsonArray();
        foreach (var r in report.Results)
        {
            var row = new JsonObject
            {
                ["scenario"] = r.Scenario.Id,
                ["lines"] = r.Lines,
                ["analysis_fps"] = r.Rate,
                ["status"] = r.Report is not null ? "compared" : r.Skipped is not null ? "skipped" : "failed",
                ["reason"] = r.Skipped ?? r.Failed,
                ["wall_seconds"] = Math.Round(r.WallSeconds, 2),
                ["model"] = r.Model ?? report.Model,
            };
            if (r.Report is { } validation)
            {
                foreach (var (name, value) in Metrics(validation.Metrics).ToList())
                {
                    row[name] = value?.DeepClone();
                }
            }

            scenarios.Add(row);
        }

        var overall = Metrics(report.Overall);
        overall["max_error_percent"] = maxError;
        overall["above_max_error"] = maxError is { } limit ? report.Overall.Exceeds(limit) : null;
        return new JsonObject { ["model"] = report.Model, ["scenarios"] = scenarios, ["overall"] = overall };
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}

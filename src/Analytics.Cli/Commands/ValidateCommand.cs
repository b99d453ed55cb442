using System.CommandLine;
using System.Globalization;
using Analytics.Cli.Host;
using Analytics.Cli.Logging;
using Analytics.Runs;
using Analytics.Runs.Jobs;
using Analytics.Runs.Pipeline;
using Analytics.Runs.Validation;
using Serilog.Events;

namespace Analytics.Cli.Commands;

/// <summary>
/// <c>analytics validate --job JOB --truth FILE</c>: compares a run's counts with the truth (manual counts or annotated
/// tracks) and reports the total absolute error, the per-bin MAPE and the GEH statistic;
/// <c>analytics validate --template --job JOB</c> writes a manual-counts file to fill in.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var job = new Option<FileInfo>("--job") { Description = "The job file whose lines and bins are validated", Required = true };
        var truth = new Option<FileInfo?>("--truth") { Description = "The truth: manual counts (the columns of counts.csv) or annotated tracks in MOT format (frame,id,left,top,width,height,consider,class,...)" };
        var results = new Option<DirectoryInfo?>("--results") { Description = "A run's output folder (its counts.csv is compared; validation.json is written there); without it the job is analysed now" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables" };
        var maxError = new Option<double?>("--max-error") { Description = "Exit with code 7 when the total absolute error is above this many percent" };
        var truthClass = new Option<string>("--truth-class") { Description = $"Class of tracks whose class column is -1 or absent: {string.Join(", ", TruthClasses.Names)}", DefaultValueFactory = _ => "pedestrian" };
        var frameOffset = new Option<int>("--truth-frame-offset") { Description = "Truth frame f (1-based) is video frame index f - 1 + N (0-based, decode order)", DefaultValueFactory = _ => 0 };
        var truthCamera = new Option<string?>("--truth-camera") { Description = "The camera a tracks file was annotated on (when the job has several)" };
        var template = new Option<bool>("--template") { Description = "Write a manual-counts file to fill in (the header of counts.csv, one row per bin, line, direction and class) instead of validating" };
        var templateOut = new Option<FileInfo?>("--out") { Description = "With --template: the file to write (default: standard output)" };
        var fps = new Option<double>("--analysis-fps") { Description = "Without --results: frames per second analysed", DefaultValueFactory = _ => 10 };
        var model = new Option<string?>("--model") { Description = "Without --results: model id or file from models/models.json, for the cameras whose job names none" };
        var threshold = new Option<float>("--threshold") { Description = "Without --results: detection confidence that starts and leads a track", DefaultValueFactory = _ => 0.35f };
        var gate = CliRuns.MotionGateOption("Without --results: ");
        var settle = new Option<double>("--settle-seconds") { Description = "Without --results: refuse inputs modified less than this many seconds ago", DefaultValueFactory = _ => 60 };
        var audit = new Option<FileInfo?>("--audit-log") { Description = "Without --results: the audit log the analysis is recorded in (default: kept in the temporary folder, removed with it)" };
        var command = new Command("validate", "Compare a run's counts with the truth (manual counts or annotated tracks): total absolute error, per-bin MAPE, GEH")
        {
            job, truth, results, json, maxError, truthClass, frameOffset, truthCamera, template, templateOut, fps, model, threshold, gate, settle, audit,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(template))
            {
                return WriteTemplate(parse.GetValue(job)!.FullName, parse.GetValue(templateOut)?.FullName, output, error);
            }

            if (parse.GetValue(truth) is not { } truthFile)
            {
                error.WriteLine("validate: --truth FILE is required (or --template to write a manual-counts file to fill in)");
                return ExitCodes.InvalidInput;
            }

            if (!TruthClasses.TryParse(parse.GetValue(truthClass)!, out var defaultClass))
            {
                error.WriteLine($"validate: --truth-class: '{parse.GetValue(truthClass)}' is not one of {string.Join(", ", TruthClasses.Names)}");
                return ExitCodes.InvalidInput;
            }

            if (parse.GetValue(maxError) is { } limit && (limit < 0 || double.IsNaN(limit)))
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"validate: --max-error: {limit} is not a percentage of 0 or more"));
                return ExitCodes.InvalidInput;
            }

            var request = new ValidationRequest(parse.GetValue(job)!.FullName, truthFile.FullName)
            {
                ResultsDirectory = parse.GetValue(results)?.FullName,
                Tracks = new TrackTruthOptions { DefaultClass = defaultClass, FrameOffset = parse.GetValue(frameOffset), CameraId = parse.GetValue(truthCamera) },
                Analysis = new AnalysisOptions { AnalysisFps = parse.GetValue(fps), Model = parse.GetValue(model), Threshold = parse.GetValue(threshold), MotionGate = parse.GetValue(gate) },
                Execution = new ExecutionOptions { Workers = ExecutionOptions.DefaultWorkers(Environment.ProcessorCount), SettleSeconds = parse.GetValue(settle) },
                AuditLogPath = parse.GetValue(audit)?.FullName,
                ExitCodeOf = ExitCodes.Of,
                MaxErrorPercent = parse.GetValue(maxError),
            };
            return await RunAsync(parse, request, parse.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ValidationRequest request, bool asJson, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        using var log = AppLogging.Create(parse.GetValue(GlobalOptions.LogFormat), error, asJson ? LogEventLevel.Warning : LogEventLevel.Information);
        if (request.ResultsDirectory is { } results && !File.Exists(Path.Combine(results, "counts.csv")))
        {
            log.Error("{Results}: no counts.csv in this folder; give the output folder of an analyse run (--results), or leave --results out to analyse the job now", results);
            return ExitCodes.InvalidInput;
        }

        var validator = new CountValidator(CliRuns.Orchestrator(parse, log));
        ValidationResult result;
        try
        {
            result = await validator.RunAsync(request, request.ResultsDirectory is null ? new LoggedProgress(log) : NoProgress.Instance, log, cancellationToken);
        }
        catch (ProblemListException e)
        {
            log.Error(e is JobException ? "The job file is invalid; nothing was compared:" : "The truth (or the results) cannot be compared with this job; nothing was compared:");
            foreach (var problem in e.Problems)
            {
                log.Error("  {Problem:l}", problem);
            }

            if (e.Problems.Any(p => p.Contains("frame offset", StringComparison.Ordinal)))
            {
                log.Error("Give the frame mapping with --truth-frame-offset N (truth frame f is video frame index f - 1 + N).");
            }

            if (e.Problems.Any(p => p.Contains("name the one the tracks were annotated on", StringComparison.Ordinal)))
            {
                log.Error("Name the camera with --truth-camera ID.");
            }

            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Error("{Results}: validation.json cannot be written: {Reason:l}", request.ResultsDirectory, e.Message);
            return ExitCodes.OutputError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Warning("Interrupted: nothing was compared");
            return ExitCodes.Interrupted;
        }

        if (result.Report is not { } report)
        {
            var run = result.Run!;
            foreach (var problem in run.SettingProblems)
            {
                log.Error("{Option:l}: {Problem:l}", CliRuns.OptionFor(problem), problem.Message);
            }

            if (run.Advice.HasFlag(RunAdvice.InstallModels))
            {
                log.Error("Install the models with ./analytics models install (or ./setup.sh), or point --models-dir at an installed models folder.");
            }

            log.Error("The analysis for the comparison did not succeed ({Outcome}); nothing was compared", run.Outcome);
            return ExitCodes.Of(run.Outcome);
        }

        var above = request.MaxErrorPercent is { } limit && report.Metrics.Exceeds(limit);
        output.WriteLine(asJson ? ValidationJson.Text(result.Json!, indented: false) : ValidationTable.Render(report, request.MaxErrorPercent));
        if (result.WrittenTo is { } written)
        {
            log.Information("Validation written to {File}", written);
        }

        return above ? ExitCodes.AboveAllowedError : ExitCodes.Success;
    }

    private static int WriteTemplate(string jobPath, string? outPath, TextWriter output, TextWriter error)
    {
        Job loaded;
        try
        {
            loaded = JobLoader.Load(jobPath);
        }
        catch (JobException e)
        {
            error.WriteLine("validate: the job file is invalid:");
            e.Problems.ToList().ForEach(p => error.WriteLine($"  {p}"));
            return ExitCodes.InvalidInput;
        }

        IReadOnlyList<string> warnings;
        if (outPath is null)
        {
            warnings = ManualCountsTemplate.Write(loaded, output);
        }
        else
        {
            try
            {
                using var file = new StreamWriter(outPath);
                warnings = ManualCountsTemplate.Write(loaded, file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"validate: {outPath} cannot be written: {e.Message}");
                return ExitCodes.OutputError;
            }
        }

        foreach (var warning in warnings)
        {
            error.WriteLine($"validate: {warning}");
        }

        return ExitCodes.Success;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Runs.Jobs;
using Analytics.Runs.Pipeline;
using Analytics.Runs.Validation;
using Serilog;

namespace Analytics.Runs.Accuracy;

/// <summary>
/// The accuracy suite: a list of scenarios (a job over a sample recording, the truth of its lines, analysis rates),
/// each analysed and compared with its truth exactly as a validation does, so that changes to detection, tracking or
/// counting are judged on the same figures. A scenario whose truth is not on this machine (evaluation data that is
/// never committed) is skipped, and says so.
/// </summary>
public sealed class AccuracySuite
{
    private static JsonSerializerOptions Options => HandWrittenJson.Options;

    private AccuracySuite(string path, IReadOnlyList<AccuracyScenario> scenarios)
    {
        Path = path;
        Scenarios = scenarios;
    }

    public string Path { get; }

    public IReadOnlyList<AccuracyScenario> Scenarios { get; }

    /// <summary>Reads a suite file; throws <see cref="JobException"/> listing every problem.</summary>
    public static AccuracySuite Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new JobException([$"{path}: suite file not found"]);
        }

        var fullPath = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(fullPath)!;
        SuiteDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<SuiteDocument>(File.ReadAllText(fullPath), Options);
        }
        catch (JsonException e)
        {
            throw new JobException([$"{path}: {e.Path}: {e.Message.Split(". ")[0]}"]);
        }

        var problems = new List<string>();
        var scenarios = new List<AccuracyScenario>();
        var documents = document?.Scenarios ?? [];
        if (documents.Count == 0)
        {
            problems.Add($"{path}: scenarios: at least one scenario is required");
        }

        for (var i = 0; i < documents.Count; i++)
        {
            var s = documents[i];
            var where = $"{path}: scenarios[{i}]";
            if (string.IsNullOrWhiteSpace(s.Id) || string.IsNullOrWhiteSpace(s.Job) || string.IsNullOrWhiteSpace(s.Truth))
            {
                problems.Add($"{where}: id, job and truth are required");
                continue;
            }

            var defaultClass = new TrackTruthOptions().DefaultClass;
            if (s.TruthClass is { } name && !TruthClasses.TryParse(name, out defaultClass))
            {
                problems.Add($"{where}.truthClass: '{name}' is not one of {string.Join(", ", TruthClasses.Names)}");
                continue;
            }

            var rates = s.Rates is { Count: > 0 } given ? given : [10.0];
            if (rates.Any(r => r is <= 0 or > 120 || double.IsNaN(r)))
            {
                problems.Add($"{where}.rates: every rate must be between 0 and 120 frames per second");
                continue;
            }

            scenarios.Add(new AccuracyScenario(
                s.Id,
                System.IO.Path.GetFullPath(s.Job, folder),
                System.IO.Path.GetFullPath(s.Truth, folder),
                new TrackTruthOptions { DefaultClass = defaultClass, FrameOffset = s.TruthFrameOffset ?? 0, CameraId = s.TruthCamera },
                rates,
                s.About ?? ""));
        }

        foreach (var duplicate in scenarios.GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{path}: scenario id '{duplicate.Key}' is used twice");
        }

        return problems.Count > 0 ? throw new JobException(problems) : new AccuracySuite(fullPath, scenarios);
    }

    /// <summary>
    /// Runs every scenario at its rates (or at <paramref name="rates"/> when given) with <paramref name="analysis"/>'s
    /// model and threshold (a scenario whose job names a model for its camera is analysed with that one, unless
    /// <paramref name="analysis"/> names a model: then every scenario takes it); <paramref name="step"/> hears what is being done.
    /// </summary>
    public async Task<AccuracyReport> RunAsync(RunOrchestrator orchestrator, AnalysisOptions analysis, IReadOnlyList<double>? rates, Action<string> step, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(step);
        var results = new List<ScenarioResult>();
        var model = "";
        foreach (var scenario in Scenarios)
        {
            var scenarioRates = rates is { Count: > 0 } ? rates : scenario.Rates;
            Job job;
            TruthCounts? truth = null;
            string? skipped = null, failed = null;
            try
            {
                job = JobLoader.Load(scenario.JobPath);
            }
            catch (JobException e)
            {
                results.AddRange(scenarioRates.Select(r => new ScenarioResult(scenario, 0, r) { Failed = e.Problems[0] }));
                continue;
            }

            var lines = job.Cameras.Sum(c => c.Lines.Count);
            if (!File.Exists(scenario.TruthPath))
            {
                skipped = $"truth not found: {scenario.TruthPath}";
            }
            else
            {
                try
                {
                    truth = CountValidator.ReadTruth(job, scenario.TruthPath, scenario.Tracks);
                }
                catch (TruthException e)
                {
                    failed = e.Problems[0];
                }
            }

            foreach (var rate in scenarioRates)
            {
                if (truth is null)
                {
                    results.Add(new ScenarioResult(scenario, lines, rate) { Skipped = skipped, Failed = failed });
                    continue;
                }

                step(string.Create(CultureInfo.InvariantCulture, $"{scenario.Id} at {rate:0.##} fps"));
                var watch = Stopwatch.StartNew();
                var folder = Directory.CreateTempSubdirectory("analytics-accuracy-").FullName;
                try
                {
                    var run = await orchestrator.RunAsync(
                        new RunRequest(scenario.JobPath, folder) { Analysis = analysis with { AnalysisFps = rate }, Execution = new ExecutionOptions { SettleSeconds = 0 }, OneModel = analysis.Model is not null },
                        NoProgress.Instance,
                        log,
                        cancellationToken);
                    model = run.Model?.Id ?? model;
                    if (run.Outcome == RunOutcome.Interrupted)
                    {
                        throw new OperationCanceledException(cancellationToken);
                    }

                    var own = run.CameraModels.Count == 0 ? null : string.Join(", ", run.CameraModels.Values.Select(m => m.Id).Distinct(StringComparer.Ordinal));
                    results.Add(run.Outcome == RunOutcome.Succeeded && run.Analysis is { } analysed
                        ? new ScenarioResult(scenario, lines, rate) { Report = CountComparison.Compare(ToolCounts.Of(analysed.Statistics.Counts), truth), WallSeconds = watch.Elapsed.TotalSeconds, Model = own }
                        : new ScenarioResult(scenario, lines, rate) { Failed = $"the analysis ended {run.Outcome}: {string.Join("; ", run.Problems)}" });
                }
                finally
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }

        var cells = results.Where(r => r.Report is not null).SelectMany(r => r.Report!.Cells).Select(c => (c.Tool, c.Truth));
        return new AccuracyReport(results, AccuracyMetrics.Of(cells), model);
    }
}

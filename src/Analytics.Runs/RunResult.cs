using Analytics.Runs.Outcomes;
using Analytics.Vision.Detection;

namespace Analytics.Runs;

/// <summary>How a run ended, and what it produced.</summary>
public sealed record RunResult(RunOutcome Outcome)
{
    /// <summary>Why the run did not succeed, one sentence each (also logged); empty on success.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Problems of the request's settings, by setting: the front end names them in its own words.</summary>
    public IReadOnlyList<Jobs.SettingProblem> SettingProblems { get; init; } = [];

    /// <summary>What the person running the job can do about it.</summary>
    public RunAdvice Advice { get; init; }

    /// <summary>The analysis (per-file outcomes, statistics, warnings, timings); null when the run stopped before analysing.</summary>
    public AnalysisResult? Analysis { get; init; }

    /// <summary>The model the run's detectors ran; null when it stopped before loading it.</summary>
    public DetectorDescription? Model { get; init; }

    /// <summary>The cameras analysed with another model than <see cref="Model"/>, as their job names it, by camera id.</summary>
    public IReadOnlyDictionary<string, DetectorDescription> CameraModels { get; init; } = new Dictionary<string, DetectorDescription>();

    /// <summary>
    /// The job suppresses small cells: a front end must show no count, total or per file, beyond the written tables
    /// (a total minus the visible cells would give a hidden one away).
    /// </summary>
    public bool CountsSuppressed { get; init; }

    /// <summary>The dataset files written, with their SHA-256; empty when none were.</summary>
    public IReadOnlyList<OutputFile> Outputs { get; init; } = [];
}

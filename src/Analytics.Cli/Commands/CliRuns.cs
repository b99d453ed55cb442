using System.CommandLine;
using Analytics.Cli.Host;
using Analytics.Runs;
using Analytics.Runs.Dataset;
using Analytics.Runs.Jobs;
using Serilog;

namespace Analytics.Cli.Commands;

/// <summary>What every command that analyses footage (analyse, validate, accuracy) shares: its orchestrator and the words for its settings.</summary>
internal static class CliRuns
{
    /// <summary>The option each setting of a run is given with, to name it in messages.</summary>
    private static readonly Dictionary<string, string> OptionOf = new(StringComparer.Ordinal)
    {
        [nameof(AnalysisOptions.AnalysisFps)] = "--analysis-fps",
        [nameof(AnalysisOptions.Threshold)] = "--threshold",
        [nameof(AnalysisOptions.CheckpointMinutes)] = "--checkpoint-minutes",
        [nameof(AnalysisOptions.MotionGate)] = "--motion-gate",
        [nameof(ExecutionOptions.Workers)] = "--workers",
        [nameof(ExecutionOptions.SettleSeconds)] = "--settle-seconds",
        [nameof(RunRequest.Reanalyse)] = "--reanalyse",
        [nameof(RunRequest.OutputDirectory)] = "--out",
        [nameof(ExecutionOptions.StateDirectory)] = "--state",
        [nameof(RunRequest.AuditLogPath)] = "--audit-log",
        [nameof(RunRequest.Shard)] = "--shard",
        [nameof(MergeRequest.StateDirectories)] = "--states",
    };

    /// <summary>--layout, shared by analyse and merge.</summary>
    public static Option<OutputLayout> LayoutOption() => new("--layout")
    {
        Description = "Output layout: flat (one CSV and one Parquet file per table) or partitioned (hive-partitioned Parquet, TABLE/camera_id=…/date=…/part-0.parquet, rewriting only the partitions that changed)",
        DefaultValueFactory = _ => OutputLayout.Flat,
    };

    /// <summary>
    /// <c>--motion-gate off|on</c> (default on): whether frames in which nothing moved skip inference. Part of the
    /// analysis; <paramref name="prefix"/> starts its description (e.g. "Without --results: ").
    /// </summary>
    public static Option<MotionGateMode> MotionGateOption(string prefix = "") => new("--motion-gate")
    {
        Description = prefix + "Skip inference on frames in which nothing moved (on), or detect every frame (off)",
        DefaultValueFactory = _ => MotionGateMode.On,
    };

    /// <summary>The option a setting problem is about, as the operator typed it.</summary>
    public static string OptionFor(SettingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return OptionOf.GetValueOrDefault(problem.Setting, problem.Setting);
    }

    /// <summary>
    /// The orchestrator over the allow-list of <c>--models-dir</c> (default: the installation's). Another allow-list
    /// than the installation's is allowed, but never silently: it is logged here, and recorded by the run.
    /// </summary>
    public static RunOrchestrator Orchestrator(ParseResult parse, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(log);
        var modelsDirectory = parse.GetValue(GlobalOptions.ModelsDirectory);
        if (modelsDirectory is not null && Path.GetFullPath(modelsDirectory) != Path.GetFullPath(ProductPaths.ModelsDirectory))
        {
            log.Warning("Using the model allow-list {Manifest} instead of the installation's {Installed}; its path and SHA-256 are recorded in the audit log and run.json",
                ProductPaths.ModelManifest(modelsDirectory), ProductPaths.ModelManifest(null));
        }

        return RunOrchestrator.WithModels(ProductPaths.ModelManifest(modelsDirectory));
    }
}

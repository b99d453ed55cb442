using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Analytics.Core.Integrity;
using Analytics.Output.Tables;
using Analytics.Output.Writers;
using Analytics.Runs.Jobs;
using Analytics.Runs.Outcomes;
using Analytics.Vision.Detection;

namespace Analytics.Runs.Dataset;

/// <summary>
/// Writes a run's outputs into its folder: each dataset as CSV and Parquet (or, partitioned, as hive-partitioned
/// Parquet), schema.json (the dataset's description), then run.json, which lists the datasets with their SHA-256. The
/// set is written atomically: if any file cannot be written (disk full, no permission), the folder keeps its previous
/// outputs untouched. A run and a merge of shards write through here alike, so the same statistics give the same bytes.
/// </summary>
internal static class RunOutputs
{
    public static readonly IReadOnlyList<ITableWriter> Writers = [new CsvTableWriter(), new ParquetTableWriter()];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Version =>
        typeof(RunOutputs).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static async Task<IReadOnlyList<OutputFile>> WriteAsync(
        string directory, Job job, AnalysisOptions analysis, ExecutionOptions execution, DetectorDescription model, AnalysisResult result, CancellationToken cancellationToken,
        OutputLayout layout = OutputLayout.Flat, IReadOnlyList<MergedShard>? mergedFrom = null, IReadOnlyDictionary<string, DetectorDescription>? cameraModels = null)
    {
        cameraModels ??= new Dictionary<string, DetectorDescription>();
        Directory.CreateDirectory(directory);
        AtomicFile.RemoveAbandoned(directory, layout == OutputLayout.Partitioned ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly);
        using var set = new AtomicFileSet();
        var metadata = new Dictionary<string, string>(job.Accountability)
        {
            ["generator"] = $"analytics {Version}",
            ["job_sha256"] = job.Sha256,
            ["model_sha256"] = model.Sha256,
            ["bin_minutes"] = job.BinMinutes.ToString(CultureInfo.InvariantCulture),
            ["time_zones"] = string.Join(";", job.Cameras.Select(c => $"{c.Id}={c.TimeZone.Id}")),
            ["suppress_below"] = job.SuppressBelow?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["software_version"] = Version,
            ["schema_version"] = DatasetSchema.Version.ToString(CultureInfo.InvariantCulture),
            ["model_id"] = model.Id,
            ["camera_models"] = string.Join(";", cameraModels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.Id}:{p.Value.Sha256}")),
            ["analysis_fps"] = analysis.AnalysisFps.ToString(CultureInfo.InvariantCulture),
            ["threshold"] = analysis.Threshold.ToString(CultureInfo.InvariantCulture),
            ["checkpoint_minutes"] = analysis.CheckpointMinutes.ToString(CultureInfo.InvariantCulture),
        };
        var written = new List<OutputFile>();
        var partitions = new Dictionary<string, IReadOnlyList<PartitionFile>>(StringComparer.Ordinal);
        var tables = StatisticsTableBuilder.Build(result.Statistics, job.SuppressBelow);
        foreach (var table in tables)
        {
            if (layout == OutputLayout.Partitioned)
            {
                var parts = partitions[table.Name] = await PartitionedDataset.StageAsync(set, directory, table, metadata, cancellationToken);
                written.AddRange(parts.Select(p => new OutputFile(p.File, p.Sha256, p.Rows)));
                continue;
            }

            foreach (var writer in Writers)
            {
                var file = $"{table.Name}.{writer.Extension}";
                var path = Path.Combine(directory, file);
                var staged = await set.StageAsync(path, stream => writer.WriteAsync(table, metadata, stream, cancellationToken), cancellationToken);
                written.Add(new OutputFile(file, FileHash.Sha256Hex(staged), table.RowCount));
            }
        }

        await set.StageAsync(Path.Combine(directory, SchemaFileWriter.FileName), stream => SchemaFileWriter.WriteAsync(stream, cancellationToken), cancellationToken);
        var report = JsonSerializer.SerializeToNode(Report(job, analysis, execution, model, cameraModels, result, written), Json)!.AsObject();
        if (layout == OutputLayout.Partitioned)
        {
            report["layout"] = "partitioned";
        }

        if (mergedFrom is not null)
        {
            report["merged_from"] = JsonSerializer.SerializeToNode(mergedFrom, Json);
        }

        await set.StageAsync(Path.Combine(directory, "run.json"), stream => JsonSerializer.SerializeAsync(stream, report, Json, cancellationToken), cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        set.Commit();

        // The other layout's files of these tables would be read as part of the dataset: gone once the new set is in place.
        foreach (var table in tables)
        {
            if (layout == OutputLayout.Partitioned)
            {
                PartitionedDataset.RemoveOthers(directory, table.Name, partitions[table.Name]);
                foreach (var writer in Writers)
                {
                    File.Delete(Path.Combine(directory, $"{table.Name}.{writer.Extension}"));
                }
            }
            else if (Directory.Exists(Path.Combine(directory, table.Name)))
            {
                PartitionedDataset.RemoveOthers(directory, table.Name, []);
            }
        }

        return written;
    }

    private static object Report(
        Job job, AnalysisOptions analysis, ExecutionOptions execution, DetectorDescription model, IReadOnlyDictionary<string, DetectorDescription> cameraModels, AnalysisResult result, List<OutputFile> outputs)
    {
        var contributing = result.Files.Where(f => f.Contributes).ToList();
        var frames = result.Files.Sum(f => f.FramesAnalysedThisRun);
        return new
        {
            Generator = $"analytics {Version}",
            Job = new
            {
                Path = job.SourcePath,
                job.Sha256,
                job.Purpose,
                job.LegalBasis,
                job.Controller,
                job.DecisionReference,
                job.BinMinutes,
                job.RetentionDays,
                job.RetentionOverrideReason,
                job.SuppressBelow,
                Cameras = job.Cameras.Select(c => new
                {
                    c.Id,
                    TimeZone = c.TimeZone.Id,
                    Lines = c.Lines.Select(l => new { l.Id, From = new[] { l.From.X, l.From.Y }, To = new[] { l.To.X, l.To.Y }, Forward = l.ForwardName, Backward = l.BackwardName, l.Hysteresis }),
                    Zones = c.Zones.Select(z => z.Id),
                    PrivacyMasks = c.PrivacyMasks.Count,
                    Model = cameraModels.TryGetValue(c.Id, out var own) ? new { own.Id, own.File, own.Sha256 } : null,
                }),
            },
            Model = new { model.Id, model.File, model.Sha256, model.InputSize, model.Layout, model.Provider, model.Licence, Manifest = model.ManifestPath, model.ManifestSha256 },
            Settings = new { analysis.AnalysisFps, execution.Workers, analysis.Threshold, analysis.DetectorFloor, Nms = model.NmsIoUThreshold, analysis.CheckpointMinutes, MotionGate = MotionGateText.Of(analysis.MotionGate), execution.StateDirectory },
            Inputs = result.Files.Select(f => new
            {
                f.CameraId,
                f.Path,
                f.Sha256,
                RecordingStart = f.RecordingStart.ToString("O", CultureInfo.InvariantCulture),
                Status = InputStatusText.Of(f.Status),
                f.Error,
                AnalysedInThisRun = !f.FromState,
                ResumedFromSeconds = f.ResumedFrom?.TotalSeconds,
                f.FramesDecoded,
                f.FramesAnalysed,
                f.FramesSkipped,
                AnalysedSeconds = Math.Round(f.AnalysedSeconds, 3),
                WallSeconds = Math.Round(f.WallSeconds, 3),
            }),
            Totals = new
            {
                Files = result.Files.Count,
                AnalysedInThisRun = result.Files.Count(f => !f.FromState && f.Status != InputStatus.Refused),
                Succeeded = result.Files.Count(f => f.Succeeded),
                Partial = result.Files.Count(f => f.Status == InputStatus.Partial),
                Failed = result.Files.Count(f => f.Status == InputStatus.Failed),
                Refused = result.Files.Count(f => f.Status == InputStatus.Refused),
                FramesAnalysed = frames,
                FramesSkipped = result.Files.Where(f => !f.FromState).Sum(f => f.FramesSkipped),
                AnalysedSeconds = Math.Round(contributing.Sum(f => f.AnalysedSeconds), 3),
                // With small-cell suppression a total would give a hidden cell away (the total minus the visible ones).
                Crossings = job.SuppressBelow is null ? contributing.Sum(f => f.Crossings) : (int?)null,
            },
            result.Warnings,
            Timing = new
            {
                Started = result.Started.ToString("O", CultureInfo.InvariantCulture),
                Finished = (result.Started + result.Wall).ToString("O", CultureInfo.InvariantCulture),
                WallSeconds = Math.Round(result.Wall.TotalSeconds, 3),
                FramesPerSecond = result.Wall.TotalSeconds > 0 ? Math.Round(frames / result.Wall.TotalSeconds, 2) : 0,
            },
            Outputs = outputs.Select(o => new { o.File, o.Sha256, o.Rows }),
        };
    }
}

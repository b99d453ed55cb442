using Analytics.Output.Writers;
using Analytics.Runs.Jobs;
using Analytics.Runs.Pipeline;
using Analytics.Vision.Video;
using Serilog;

namespace Analytics.Runs.Validation;

/// <summary>
/// Compares a job's counts with the truth: reads and checks the truth against the job (manual counts, or tracks
/// whose crossings are derived with the job's lines), takes the counts from a results folder or analyses the job
/// now (through <see cref="RunOrchestrator"/>, into a temporary folder), compares them bin by bin and, for a
/// results folder, writes validation.json beside them.
/// </summary>
public sealed class CountValidator
{
    /// <summary>The file a validation is written to, beside the results it validated.</summary>
    public const string FileName = "validation.json";

    private readonly RunOrchestrator _orchestrator;

    public CountValidator(RunOrchestrator orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        _orchestrator = orchestrator;
    }

    /// <summary>
    /// Runs the comparison. Throws <see cref="JobException"/> for an invalid job and <see cref="TruthException"/> for
    /// truth (or results) that cannot be compared; returns without a report when the run made for it did not succeed.
    /// </summary>
    public async Task<ValidationResult> RunAsync(ValidationRequest request, IAnalysisProgress progress, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var job = JobLoader.Load(request.JobPath);
        if (request.ResultsDirectory is null && job.SuppressBelow is { } below)
        {
            // Compared key by key, the tool's counts (or their errors against the truth) would show what suppression hides.
            throw new TruthException(
                $"{job.SourcePath}: the job hides counts below {below} (suppressBelow), and a comparison key by key would reveal them: validate with a copy of the job without suppressBelow, for footage whose figures are not published");
        }

        var truth = ReadTruth(job, request.TruthPath, request.Tracks);
        IReadOnlyList<BinnedCount> counts;
        if (request.ResultsDirectory is { } results)
        {
            counts = ToolCounts.Read(Path.Combine(results, "counts.csv"));
        }
        else
        {
            var folder = Directory.CreateTempSubdirectory("analytics-validate-").FullName;
            try
            {
                var run = await _orchestrator.RunAsync(
                    new RunRequest(request.JobPath, folder)
                    {
                        Analysis = request.Analysis,
                        Execution = request.Execution,
                        AuditLogPath = request.AuditLogPath,
                        ExitCodeOf = request.ExitCodeOf,
                    },
                    progress,
                    log,
                    cancellationToken);
                if (run.Outcome != RunOutcome.Succeeded || run.Analysis is null)
                {
                    return new ValidationResult(null, run);
                }

                counts = ToolCounts.Of(run.Analysis.Statistics.Counts);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        var report = CountComparison.Compare(counts, truth);
        var json = ValidationJson.Of(report, new ValidationContext(job.SourcePath, request.ResultsDirectory, request.ResultsDirectory is null ? request.Analysis.AnalysisFps : null, request.MaxErrorPercent));
        string? written = null;
        if (request.ResultsDirectory is { } directory)
        {
            written = Path.Combine(directory, FileName);
            var text = ValidationJson.Text(json, indented: true) + "\n";
            await AtomicFile.WriteAsync(written, stream => stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken).AsTask(), cancellationToken);
        }

        return new ValidationResult(report, null) { Json = json, WrittenTo = written };
    }

    /// <summary>
    /// Reads the truth for <paramref name="job"/>: a file whose first line names the columns of counts.csv is manual
    /// counts; any other is read as MOT tracks.
    /// </summary>
    public static TruthCounts ReadTruth(Job job, string truthPath, TrackTruthOptions tracks)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(tracks);
        if (!File.Exists(truthPath))
        {
            throw new TruthException($"{truthPath}: truth file not found");
        }

        var firstLine = File.ReadLines(truthPath).FirstOrDefault(l => l.Trim().Length > 0) ?? "";
        if (firstLine.Contains("camera_id", StringComparison.OrdinalIgnoreCase))
        {
            return ManualTruth.From(job, CountsFile.Read(truthPath), truthPath);
        }

        if (firstLine.Length == 0)
        {
            throw new TruthException($"{truthPath}: the file is empty; expected manual counts (with the header of counts.csv) or MOT tracks (frame,id,left,top,width,height,consider,...)");
        }

        var boxes = MotTracksFile.Read(truthPath, tracks.DefaultClass);
        return TrackTruth.From(job, boxes, tracks, truthPath, (video, start, last) =>
        {
            try
            {
                return FrameClock.Read(video, start, last);
            }
            catch (Exception e) when (e is VideoDecodeException or InputRefusedException)
            {
                throw new TruthException($"{truthPath}: its recording cannot be timed: {e.Message}");
            }
        });
    }
}

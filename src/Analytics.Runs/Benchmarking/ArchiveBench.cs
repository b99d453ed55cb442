using System.Diagnostics;
using Analytics.Core.Counting;
using Analytics.Core.Objects;
using Analytics.Runs.Jobs;
using Analytics.Runs.Pipeline;
using Analytics.Vision.Motion;
using Analytics.Vision.Video;
using Serilog;

namespace Analytics.Runs.Benchmarking;

/// <summary>
/// Measures one size of the bench archive in one process: decoding alone (every frame, the analysed ones retrieved
/// in colour, as the pipeline does), decoding with the gate's picture difference on every analysed frame, then the
/// product's own run over the archive's job (admission, hashing, the pipeline, the outputs) with the gate off, then on.
/// </summary>
public sealed class ArchiveBench(RunOrchestrator orchestrator, AnalysisOptions analysis, int workers, ILogger log, Action<string> say)
{
    /// <summary>The model the runs used, as they reported it.</summary>
    private string? _model;

    public async Task<ArchiveReport> RunAsync(BuiltArchive archive, double quietShare, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        say($"{archive.SizeName}: decoding alone");
        var decode = MeasureDecoding(archive, motion: false, cancellationToken);
        say($"{archive.SizeName}: decoding with the picture difference");
        var withMotion = MeasureDecoding(archive, motion: true, cancellationToken);
        var motion = new StageMeasure("motion", withMotion.Frames, Math.Max(0, withMotion.WallSeconds - decode.WallSeconds), Math.Max(0, withMotion.CpuSeconds - decode.CpuSeconds));
        var off = await AnalyseAsync(archive, archive.JobPath, MotionGateMode.Off, cancellationToken);
        var on = await AnalyseAsync(archive, archive.JobPath, MotionGateMode.On, cancellationToken);
        var longFile = await AnalyseAsync(archive, archive.LongFileJobPath, MotionGateMode.On, cancellationToken);
        return new ArchiveReport(archive.SizeName, _model ?? analysis.Model ?? "default", analysis.AnalysisFps, Environment.ProcessorCount, quietShare, archive.Segments.Count, decode, motion, off, on, longFile)
        {
            Workers = workers,
        };
    }

    private StageMeasure MeasureDecoding(BuiltArchive archive, bool motion, CancellationToken cancellationToken)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long frames = 0;
        using var frame = new VideoFrame();
        foreach (var segment in archive.Segments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var reader = VideoReader.Open(segment, DateTimeOffset.UnixEpoch, analysis.AnalysisFps);
            var detector = motion ? new MotionDetector(reader.Width, reader.Height) : null;
            while (reader.Read(frame))
            {
                if (detector is not null)
                {
                    detector.Measure(frame);
                    detector.KeepAsReference();
                }

                frames++;
            }
        }

        clock.Stop();
        process.Refresh();
        return new StageMeasure(motion ? "decode+motion" : "decode", frames, clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    private async Task<ArchiveRun> AnalyseAsync(BuiltArchive archive, string job, MotionGateMode gate, CancellationToken cancellationToken)
    {
        say($"{archive.SizeName}: analysing {(job == archive.LongFileJobPath ? "the footage as one file per scene" : "the segments")} with the motion gate {MotionGateText.Of(gate)}");
        var folder = Path.Combine(Path.GetTempPath(), $"analytics-bench-archive-{Guid.NewGuid():N}");
        try
        {
            var request = new RunRequest(job, Path.Combine(folder, "out"))
            {
                Analysis = analysis with { MotionGate = gate },
                Execution = new ExecutionOptions { Workers = workers, SettleSeconds = 0 },
                AuditLogPath = Path.Combine(folder, "audit.jsonl"),
            };
            GC.Collect();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = await orchestrator.RunAsync(request, NoProgress.Instance, log, cancellationToken);
            clock.Stop();
            process.Refresh();
            if (result.Outcome != RunOutcome.Succeeded || result.Analysis is not { } analysed)
            {
                throw new InvalidOperationException($"the archive's analysis did not succeed ({result.Outcome}): {string.Join("; ", result.Problems)}");
            }

            _model = result.Model?.Id;
            var statistics = analysed.Statistics;
            var crossings = statistics.Counts
                .GroupBy(c => $"{c.CameraId} {c.LineId} {c.Direction} {Name(c.Class)}")
                .ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal);
            var peaks = statistics.Occupancy.ToDictionary(o => $"{o.CameraId} {o.ZoneId} {Name(o.Class)} {o.Bin.Start:O}", o => o.MaxCount, StringComparer.Ordinal);
            return new ArchiveRun(gate, analysed.Files.Sum(f => f.FramesAnalysed), analysed.Files.Sum(f => f.FramesSkipped), analysed.Files.Sum(f => f.AnalysedSeconds),
                clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds, crossings, peaks);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string Name(ClassKey key) => key.Class == ObjectClass.Vehicle ? ObjectClassNames.Of(key.Kind) : ObjectClassNames.Of(key.Class);
}

using System.CommandLine;
using System.Text.Json;
using Analytics.Cli.Host;
using Analytics.Cli.Logging;
using Analytics.Runs.Benchmarking;
using Analytics.Runs.Jobs;
using Analytics.Vision.Models;
using Analytics.Vision.Video;
using Serilog.Events;

namespace Analytics.Cli.Commands;

/// <summary>
/// <c>analytics bench VIDEO</c>: each stage's throughput, the CPU-time ceiling, and the real pipeline against it.
/// <c>analytics bench --archive</c>: a realistic archive (quiet stretches and busy footage in one-minute segments),
/// analysed with the motion gate off and on.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var video = new Argument<string?>("VIDEO") { Description = "A recorded video to measure on (not with --archive)", Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<string?>("--model") { Description = "Model id or file from models/models.json (default: the manifest's default)" };
        var fps = new Option<double>("--analysis-fps") { Description = "Frames per second analysed (default: the video's full rate; 10 with --archive)", DefaultValueFactory = _ => 120 };
        var files = new Option<int>("--files") { Description = "Copies of the video analysed at once in the end-to-end run", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var gate = CliRuns.MotionGateOption("The end-to-end run: ");
        var archive = new Option<bool>("--archive") { Description = "Build a realistic archive from the sample videos with ffmpeg (cached), and analyse it with the motion gate off, then on" };
        var sizes = new Option<string[]>("--sizes") { Description = "With --archive: frame sizes, of native, 720p and 1080p (default: all three)", AllowMultipleArgumentsPerToken = true };
        var scenes = new Option<string[]>("--scenes") { Description = "With --archive: scenes, of plaza, avenue and room (default: all three)", AllowMultipleArgumentsPerToken = true };
        var workers = new Option<int>("--workers") { Description = "With --archive: files analysed side by side (default: 1 per core, as for analyse)", DefaultValueFactory = _ => ExecutionOptions.DefaultWorkers(Environment.ProcessorCount) };
        var archiveDirectory = new Option<DirectoryInfo?>("--archive-dir") { Description = "With --archive: where the archive is built and kept (default: ~/.cache/analytics/bench-archive)" };
        var command = new Command("bench", "Measure decode, letterbox, inference, tracking and end-to-end throughput on this machine, in one run; or, with --archive, the motion gate on a realistic archive")
        {
            video, model, fps, files, json, gate, archive, sizes, scenes, workers, archiveDirectory,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            using var say = new BenchLines(parse.InvocationConfiguration.Error, parse.GetValue(GlobalOptions.LogFormat));
            var asJson = parse.GetValue(json);
            var onArchive = parse.GetValue(archive);
            var rate = onArchive && parse.GetResult(fps) is null or { Implicit: true } ? 10 : parse.GetValue(fps);
            var problems = new AnalysisOptions { AnalysisFps = rate }.Validate().Where(p => p.Setting == nameof(AnalysisOptions.AnalysisFps)).Select(p => $"--analysis-fps: {p.Message}").ToList();
            if (parse.GetValue(files) is < 1 or > 64)
            {
                problems.Add($"--files: {parse.GetValue(files)} is not between 1 and 64");
            }

            if (parse.GetValue(workers) is < 1 or > ExecutionOptions.MaxWorkers)
            {
                problems.Add($"--workers: {parse.GetValue(workers)} is not between 1 and {ExecutionOptions.MaxWorkers}");
            }

            if (onArchive == (parse.GetValue(video) is not null))
            {
                problems.Add(onArchive ? "a VIDEO is measured without --archive" : "give a VIDEO to measure, or --archive");
            }

            var archiveSizes = ParseAll(parse.GetValue(sizes), Enum.GetValues<ArchiveSize>(), ArchiveSizes.Name, "--sizes", problems);
            var sceneNames = ParseAll(parse.GetValue(scenes), ["plaza", "avenue", "room"], s => s, "--scenes", problems);
            if (problems.Count > 0)
            {
                problems.ForEach(say.Problem);
                return ExitCodes.InvalidInput;
            }

            try
            {
                if (onArchive)
                {
                    return await ArchiveAsync(parse, say, rate, archiveSizes, sceneNames, parse.GetValue(workers), parse.GetValue(archiveDirectory)?.FullName, parse.GetValue(model), asJson, cancellationToken);
                }

                var path = parse.GetValue(video)!;
                DeferredInputPolicy.EnsureRecordedFile(path);
                path = Path.GetFullPath(path);
                var manifest = ModelManifest.Load(ProductPaths.ModelManifest(parse.GetValue(GlobalOptions.ModelsDirectory)));
                var bench = new ThroughputBench(manifest, parse.GetValue(model), rate, parse.GetValue(files), parse.GetValue(gate));
                var report = await bench.RunAsync(path, say.Step, cancellationToken);
                output.WriteLine(asJson ? Json(report) : Table(report));
                return ExitCodes.Success;
            }
            catch (ArchiveBuildException e)
            {
                say.Problem(e.Message);
                return e.Missing ? ExitCodes.AssetError : ExitCodes.CompletedWithFailures;
            }
            catch (Exception e) when (e is InputRefusedException or VideoDecodeException or ModelManifestException or InvalidOperationException)
            {
                say.Problem(e.Message);
                return e is ModelManifestException ? ExitCodes.AssetError : ExitCodes.InvalidInput;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                say.Problem("interrupted");
                return ExitCodes.Interrupted;
            }
        });
        return command;
    }

    /// <summary>The values named in <paramref name="given"/> (each may list several, comma-separated), or all of them when none is.</summary>
    private static List<T> ParseAll<T>(string[]? given, IReadOnlyList<T> all, Func<T, string> name, string option, List<string> problems)
    {
        var names = (given ?? []).SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (names.Count == 0)
        {
            return [.. all];
        }

        var chosen = new List<T>();
        foreach (var text in names)
        {
            var match = all.Where(v => string.Equals(name(v), text, StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 0)
            {
                problems.Add($"{option}: '{text}' is not one of {string.Join(", ", all.Select(name))}");
            }

            chosen.AddRange(match.Where(m => !chosen.Contains(m)));
        }

        return chosen;
    }

    private static async Task<int> ArchiveAsync(
        ParseResult parse, BenchLines say, double rate, List<ArchiveSize> sizes, List<string> sceneNames, int workers, string? directory, string? model, bool asJson, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var plan = new ArchivePlan();
        var scenes = ArchiveScene.Samples(Path.Combine(ProductPaths.Home, "samples", "videos")).Where(s => sceneNames.Contains(s.Id)).ToList();
        var archives = await new ArchiveBuilder(directory ?? ArchiveBuilder.DefaultCacheDirectory, plan, say.Step).BuildAsync(scenes, sizes, cancellationToken);

        using var log = AppLogging.Create(parse.GetValue(GlobalOptions.LogFormat), error, LogEventLevel.Warning);
        var bench = new ArchiveBench(CliRuns.Orchestrator(parse, log), new AnalysisOptions { AnalysisFps = rate, Model = model }, workers, log, say.Step);
        var reports = new List<ArchiveReport>();
        foreach (var archive in archives)
        {
            var report = await bench.RunAsync(archive, plan.QuietShare, cancellationToken);
            reports.Add(report);
            if (!asJson)
            {
                output.WriteLine(ArchiveTable(report, archive));
            }
        }

        if (asJson)
        {
            output.WriteLine(JsonSerializer.Serialize(reports.Select(ArchiveJson)));
        }

        return ExitCodes.Success;
    }

    private static string ArchiveTable(ArchiveReport r, BuiltArchive archive)
    {
        string Run(ArchiveRun run) => FormattableString.Invariant(
            $"  motion gate {MotionGateText.Of(run.Gate),-3}  {run.FramesAnalysed,7} frames, {run.FramesSkipped,7} skipped  {run.Fps,8:0.0} fps  real time x{run.RealtimeFactor,6:0.0}  {run.CpuMillisecondsPerFrame,6:0.00} ms CPU/frame  {run.TotalCrossings,5} crossings");
        var lines = new List<string>
        {
            FormattableString.Invariant($"Archive {r.Size}: {r.Segments} segments, {archive.FootageSeconds / 60:0.#} min of footage ({r.QuietShare:P0} quiet), model {r.Model}, {r.AnalysisFps:0.##} fps analysed, {r.Cores} cores, {r.Workers} file(s) at a time"),
            FormattableString.Invariant($"  decoding alone      {r.Decode.Frames,7} frames  {r.Decode.Fps,8:0.0} fps  {r.Decode.CpuMillisecondsPerFrame,6:0.00} ms CPU/frame; picture difference {r.Motion.CpuMillisecondsPerFrame:0.00} ms CPU/frame"),
            Run(r.Off),
            Run(r.On),
            FormattableString.Invariant($"  one long file per scene, gate on: {r.LongFileOn.Fps:0.0} fps, {r.LongFileOn.CpuMillisecondsPerFrame:0.00} ms CPU/frame; the segments run at {r.SegmentedShare:P0} of it ({r.SegmentedCpuShare:P0} by CPU time)"),
            FormattableString.Invariant($"  gate on / off: x{r.Speedup:0.00} frames per second (x{r.CpuSpeedup:0.00} by CPU time); decoding is {r.DecodeShareOff:P0} of the CPU time gate off, {r.DecodeShareOn:P0} gate on"),
            FormattableString.Invariant($"  crossings {r.Off.TotalCrossings} -> {r.On.TotalCrossings} ({r.CrossingsDifference:+0.0%;-0.0%;0.0%}), largest difference on one line, direction and class {r.LargestLineDifference:P1}; occupancy peaks differing: {r.PeaksDiffering} of {r.Off.Peaks.Count}"),
        };
        foreach (var key in r.Off.Crossings.Keys.Union(r.On.Crossings.Keys).Order(StringComparer.Ordinal))
        {
            var (off, on) = (r.Off.Crossings.GetValueOrDefault(key), r.On.Crossings.GetValueOrDefault(key));
            if (off != 0 || on != 0)
            {
                lines.Add(FormattableString.Invariant($"    {key}: {off} -> {on}"));
            }
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static object ArchiveJson(ArchiveReport r)
    {
        object Run(ArchiveRun run) => new
        {
            frames_analysed = run.FramesAnalysed,
            frames_skipped = run.FramesSkipped,
            footage_seconds = Math.Round(run.FootageSeconds, 3),
            wall_seconds = Math.Round(run.WallSeconds, 3),
            cpu_seconds = Math.Round(run.CpuSeconds, 3),
            fps = Math.Round(run.Fps, 2),
            realtime_factor = Math.Round(run.RealtimeFactor, 3),
            crossings = run.Crossings,
            occupancy_peaks = run.Peaks,
        };
        return new
        {
            size = r.Size,
            model = r.Model,
            analysis_fps = r.AnalysisFps,
            cores = r.Cores,
            workers = r.Workers,
            quiet_share = r.QuietShare,
            segments = r.Segments,
            decode_fps = Math.Round(r.Decode.Fps, 2),
            decode_cpu_ms_per_frame = Math.Round(r.Decode.CpuMillisecondsPerFrame, 3),
            motion_cpu_ms_per_frame = Math.Round(r.Motion.CpuMillisecondsPerFrame, 3),
            gate_off = Run(r.Off),
            gate_on = Run(r.On),
            long_file_gate_on = Run(r.LongFileOn),
            segmented_share = Math.Round(r.SegmentedShare, 3),
            segmented_cpu_share = Math.Round(r.SegmentedCpuShare, 3),
            speedup = Math.Round(r.Speedup, 3),
            cpu_speedup = Math.Round(r.CpuSpeedup, 3),
            decode_share_gate_off = Math.Round(r.DecodeShareOff, 3),
            decode_share_gate_on = Math.Round(r.DecodeShareOn, 3),
            crossings_difference = Math.Round(r.CrossingsDifference, 4),
            largest_line_difference = Math.Round(r.LargestLineDifference, 4),
            occupancy_peaks_differing = r.PeaksDiffering,
        };
    }

    private static string Table(BenchReport r)
    {
        string Row(StageMeasure m) => FormattableString.Invariant($"  {m.Name,-38} {m.Fps,9:0.0} fps   {m.CpuMillisecondsPerFrame,8:0.00} ms CPU/frame");
        return string.Join(Environment.NewLine,
            FormattableString.Invariant($"{Path.GetFileName(r.Video)}, model {r.Model}, {r.AnalysisFps:0.##} fps analysed, {r.Cores} cores"),
            Row(r.Decode), Row(r.Letterbox), Row(r.InferenceOneSession), Row(r.InferenceSessionPerCore), Row(r.Tracking), Row(r.EndToEnd),
            FormattableString.Invariant($"  motion gate {MotionGateText.Of(r.MotionGate)} end to end: {r.FramesSkipped} of {r.EndToEnd.Frames} frames skipped"),
            FormattableString.Invariant($"  CPU-time ceiling: {r.CeilingFps:0.0} fps ({r.CpuSecondsPerFrame * 1000:0.00} ms CPU per frame over {r.Cores} cores, inference as {r.BestInference.Name})"),
            FormattableString.Invariant($"  end to end / ceiling: {r.Ratio:0.00}   real-time factor: {r.RealtimeFactor:0.00}x (seconds of video per second)"));
    }

    private static string Json(BenchReport r)
    {
        object Stage(StageMeasure m) => new { fps = Math.Round(m.Fps, 2), cpu_ms_per_frame = Math.Round(m.CpuMillisecondsPerFrame, 3), frames = m.Frames };
        return JsonSerializer.Serialize(new
        {
            video = r.Video,
            model = r.Model,
            analysis_fps = r.AnalysisFps,
            cores = r.Cores,
            files = r.Files,
            motion_gate = MotionGateText.Of(r.MotionGate),
            frames_skipped = r.FramesSkipped,
            decode_fps = Math.Round(r.Decode.Fps, 2),
            letterbox_fps = Math.Round(r.Letterbox.Fps, 2),
            inference_fps = Math.Round(r.BestInference.Fps, 2),
            inference_layout = r.BestInference.Name,
            tracking_fps = Math.Round(r.Tracking.Fps, 2),
            end_to_end_fps = Math.Round(r.EndToEnd.Fps, 2),
            ceiling_fps = Math.Round(r.CeilingFps, 2),
            ratio = Math.Round(r.Ratio, 3),
            realtime_factor = Math.Round(r.RealtimeFactor, 3),
            stages = new
            {
                decode = Stage(r.Decode),
                letterbox = Stage(r.Letterbox),
                inference_one_session = Stage(r.InferenceOneSession),
                inference_session_per_core = Stage(r.InferenceSessionPerCore),
                tracking = Stage(r.Tracking),
                end_to_end = Stage(r.EndToEnd),
            },
        });
    }

    /// <summary>
    /// The bench's own lines on standard error, its steps as it measures and what stops it: plain lines
    /// (<c>bench: decoding alone...</c>), or with <c>--log-format json</c> information and error events in the log's
    /// JSON, so that every line on standard error is JSON there, as with the other commands.
    /// </summary>
    private sealed class BenchLines(TextWriter error, LogFormat format) : IDisposable
    {
        private readonly Serilog.Core.Logger? _log = format == LogFormat.Text ? null : AppLogging.Create(format, error, LogEventLevel.Information);

        public void Step(string step)
        {
            if (_log is null)
            {
                error.WriteLine($"bench: {step}...");
            }
            else
            {
                _log.Information("bench: {Step:l}...", step);
            }
        }

        public void Problem(string problem)
        {
            if (_log is null)
            {
                error.WriteLine($"bench: {problem}");
            }
            else
            {
                _log.Error("bench: {Problem:l}", problem);
            }
        }

        public void Dispose() => _log?.Dispose();
    }
}

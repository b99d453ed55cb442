using System.CommandLine;
using System.Text.Json;
using Analytics.Cli.Host;
using Analytics.Runs.Benchmarking;
using Analytics.Runs.Jobs;
using Analytics.Vision.Models;
using Analytics.Vision.Video;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics bench VIDEO</c>: each stage's throughput, the CPU-time ceiling, and the real pipeline against it.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var video = new Argument<string>("VIDEO") { Description = "A recorded video to measure on" };
        var model = new Option<string?>("--model") { Description = "Model id or file from models/models.json (default: the manifest's default)" };
        var fps = new Option<double>("--analysis-fps") { Description = "Frames per second analysed (default: the video's full rate)", DefaultValueFactory = _ => 120 };
        var files = new Option<int>("--files") { Description = "Copies of the video analysed at once in the end-to-end run", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var command = new Command("bench", "Measure decode, letterbox, inference, tracking and end-to-end throughput on this machine, in one run") { video, model, fps, files, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var asJson = parse.GetValue(json);
            var problems = new AnalysisOptions { AnalysisFps = parse.GetValue(fps) }.Validate().Where(p => p.Setting == nameof(AnalysisOptions.AnalysisFps)).ToList();
            if (problems.Count > 0 || parse.GetValue(files) is < 1 or > 64)
            {
                problems.ForEach(p => error.WriteLine($"bench: --analysis-fps: {p.Message}"));
                if (parse.GetValue(files) is < 1 or > 64)
                {
                    error.WriteLine($"bench: --files: {parse.GetValue(files)} is not between 1 and 64");
                }

                return ExitCodes.InvalidInput;
            }

            try
            {
                var path = parse.GetValue(video)!;
                DeferredInputPolicy.EnsureRecordedFile(path);
                path = Path.GetFullPath(path);
                var manifest = ModelManifest.Load(ProductPaths.ModelManifest(parse.GetValue(GlobalOptions.ModelsDirectory)));
                var bench = new ThroughputBench(manifest, parse.GetValue(model), parse.GetValue(fps), parse.GetValue(files));
                var report = await bench.RunAsync(path, step => error.WriteLine($"bench: {step}..."), cancellationToken);
                output.WriteLine(asJson ? Json(report) : Table(report));
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is InputRefusedException or VideoDecodeException or ModelManifestException or InvalidOperationException)
            {
                error.WriteLine($"bench: {e.Message}");
                return e is ModelManifestException ? ExitCodes.AssetError : ExitCodes.InvalidInput;
            }
        });
        return command;
    }

    private static string Table(BenchReport r)
    {
        string Row(StageMeasure m) => FormattableString.Invariant($"  {m.Name,-38} {m.Fps,9:0.0} fps   {m.CpuMillisecondsPerFrame,8:0.00} ms CPU/frame");
        return string.Join(Environment.NewLine,
            FormattableString.Invariant($"{Path.GetFileName(r.Video)}, model {r.Model}, {r.AnalysisFps:0.##} fps analysed, {r.Cores} cores"),
            Row(r.Decode), Row(r.Letterbox), Row(r.InferenceOneSession), Row(r.InferenceSessionPerCore), Row(r.Tracking), Row(r.EndToEnd),
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
}

using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Integrity;
using Analytics.Runs.Jobs;
using Analytics.Runs.Pipeline;

namespace Analytics.Runs.Benchmarking;

/// <summary>
/// Builds the bench's realistic archive (see <see cref="ArchivePlan"/>) with the system's FFmpeg (Debian's package
/// has the x264 encoder; the FFmpeg bundled with OpenCV has none): for each scene, its median background, then the
/// quiet and busy stretches in one pass, encoded at every size asked for and cut into segments. Only the installed
/// sample videos are read, and everything is written under the cache folder (never beside the product's files), where
/// an archive already built for the same samples and plan is reused. This process never writes a frame itself: FFmpeg
/// does, from the published samples.
/// </summary>
public sealed class ArchiveBuilder(string cacheDirectory, ArchivePlan plan, Action<string> say)
{
    /// <summary>Raised whenever the way the archive is made changes: another version, another cache folder.</summary>
    private const int Version = 1;

    /// <summary>Where each size's segments start on the cameras' clocks: an ordinary Monday, past any retention (the job says why it is analysed).</summary>
    private static readonly DateTimeOffset ArchiveStart = new(2026, 1, 5, 0, 0, 0, TimeSpan.FromHours(1));

    /// <summary><c>$XDG_CACHE_HOME/analytics/bench-archive</c> (or <c>~/.cache/...</c>).</summary>
    public static string DefaultCacheDirectory =>
        Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "analytics", "bench-archive");

    /// <summary>Builds (or finds already built) the archive of <paramref name="scenes"/> at each of <paramref name="sizes"/>.</summary>
    public async Task<IReadOnlyList<BuiltArchive>> BuildAsync(IReadOnlyList<ArchiveScene> scenes, IReadOnlyList<ArchiveSize> sizes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        ArgumentNullException.ThrowIfNull(sizes);
        var built = sizes.ToDictionary(s => s, _ => new List<(ArchiveScene Scene, List<(string Path, double Start)> Segments, string LongFile, double Seconds, double Scale)>());
        foreach (var scene in scenes)
        {
            if (!File.Exists(scene.Video))
            {
                throw new ArchiveBuildException($"the sample video {scene.Video} is not installed: run ./analytics samples install (or ./setup.sh)", missing: true);
            }

            var probe = MediaProbe.Of(new JobInput(scene.Id, scene.Video, ArchiveStart, "bench"));
            var folder = Path.Combine(cacheDirectory, await KeyAsync(scene, cancellationToken), scene.Id);
            Directory.CreateDirectory(folder);
            var duration = probe.AnnouncedDuration?.TotalSeconds ?? throw new ArchiveBuildException($"the sample video {scene.Video} does not say how long it is");
            var busy = Math.Min(plan.BusySeconds, duration);
            var quiet = busy * plan.QuietFactor / 2;
            var missing = sizes.Where(s => !File.Exists(Path.Combine(folder, ArchiveSizes.Name(s), "complete"))).ToList();
            if (missing.Count > 0)
            {
                say($"building the archive of {scene.Id} ({string.Join(", ", missing.Select(ArchiveSizes.Name))}) with ffmpeg");
                var background = Path.Combine(folder, "background.png");
                if (!File.Exists(background))
                {
                    await RunFfmpegAsync(BackgroundArguments(scene, probe, Math.Min(duration, scene.BackgroundSeconds ?? duration), background), scene, cancellationToken);
                }

                await RunFfmpegAsync(TimelineArguments(scene, probe, background, busy, quiet, missing, folder), scene, cancellationToken);
                foreach (var size in missing)
                {
                    await File.WriteAllTextAsync(Path.Combine(folder, ArchiveSizes.Name(size), "complete"), plan.Key, cancellationToken);
                }
            }

            foreach (var size in sizes)
            {
                var directory = Path.Combine(folder, ArchiveSizes.Name(size));
                var segments = await ReadSegmentsAsync(directory, cancellationToken);
                var longFile = Path.Combine(directory, $"{scene.Id}.mp4");
                if (!File.Exists(Path.Combine(directory, "joined")))
                {
                    // The same footage as one file, stream-copied: what the segments' cost is compared with.
                    var list = Path.Combine(directory, "segments.txt");
                    await File.WriteAllLinesAsync(list, segments.Select(s => $"file '{s.Path}'"), cancellationToken);
                    await RunFfmpegAsync(["-f", "concat", "-safe", "0", "-i", list, "-c", "copy", longFile], scene, cancellationToken);
                    await File.WriteAllTextAsync(Path.Combine(directory, "joined"), plan.Key, cancellationToken);
                }

                built[size].Add((scene, segments, longFile, busy + (2 * quiet), ArchiveSizes.Height(size, probe.Height) / (double)probe.Height));
            }
        }

        var archives = new List<BuiltArchive>();
        foreach (var (size, cameras) in built)
        {
            var name = $"{ArchiveSizes.Name(size)}-{string.Join('-', scenes.Select(s => s.Id))}";
            var job = Path.Combine(cacheDirectory, $"{name}.job.json");
            await File.WriteAllTextAsync(job, JobJson(cameras.Select(c => (c.Scene, c.Segments, c.Scale))), cancellationToken);
            var longJob = Path.Combine(cacheDirectory, $"{name}-long.job.json");
            await File.WriteAllTextAsync(longJob, JobJson(cameras.Select(c => (c.Scene, new List<(string, double)> { (c.LongFile, 0) }, c.Scale))), cancellationToken);
            archives.Add(new BuiltArchive(size, job, cameras.SelectMany(c => c.Segments.Select(s => s.Path)).ToList(), cameras.Sum(c => c.Seconds), longJob));
        }

        return archives;
    }

    /// <summary>The scene's folder in the cache: its sample's content, the plan and this builder's version decide what is built.</summary>
    private async Task<string> KeyAsync(ArchiveScene scene, CancellationToken cancellationToken)
    {
        var sample = await FileHash.Sha256HexAsync(scene.Video, cancellationToken);
        var text = string.Create(CultureInfo.InvariantCulture, $"{Version}\n{sample}\n{plan.Key}\n{scene.BackgroundSeconds}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>The median of up to 49 frames spread over the clip's first <paramref name="seconds"/>: the scene with nobody in it.</summary>
    private static List<string> BackgroundArguments(ArchiveScene scene, MediaProbe probe, double seconds, string background)
    {
        var frames = Math.Max(1, (int)(seconds * probe.SourceFps));
        var every = Math.Max(1, frames / 49);
        var radius = Math.Min(24, ((frames / every) - 1) / 2);
        return ["-t", Invariant($"{seconds}"), "-i", scene.Video, "-an", "-vf", Invariant($"select='not(mod(n\\,{every}))',setpts=N/10/TB,tmedian=radius={Math.Max(1, radius)}"),
            "-fps_mode", "passthrough", "-frames:v", "1", "-update", "1", background];
    }

    /// <summary>Quiet, busy, quiet; split into one encoder per size, each cut into segments with a list of their start times.</summary>
    private List<string> TimelineArguments(ArchiveScene scene, MediaProbe probe, string background, double busy, double quiet, List<ArchiveSize> sizes, string folder)
    {
        var rate = probe.SourceFps.ToString("R", CultureInfo.InvariantCulture);
        string Quiet(int input, int sign, string label) => Invariant(
            $"[{input}:v]format=yuv420p,noise=alls={plan.Noise}:allf=t,eq=brightness='{sign * 0.04}*sin(PI*t/{quiet})':contrast='1-{sign * 0.06}*sin(PI*t/{quiet})':eval=frame,fps={rate},setsar=1[{label}]");
        var graph = new StringBuilder()
            .Append(Quiet(0, 1, "q1")).Append(';')
            .Append(Invariant($"[1:v]setpts=PTS-STARTPTS,fps={rate},format=yuv420p,setsar=1[b];"))
            .Append(Quiet(2, -1, "q2")).Append(';')
            .Append(Invariant($"[q1][b][q2]concat=n=3:v=1:a=0,split={sizes.Count}"));
        for (var i = 0; i < sizes.Count; i++)
        {
            graph.Append(Invariant($"[o{i}]"));
        }

        var outputs = new List<string>();
        for (var i = 0; i < sizes.Count; i++)
        {
            var height = ArchiveSizes.Height(sizes[i], probe.Height);
            var label = $"o{i}";
            if (height != probe.Height)
            {
                var width = 2 * (int)Math.Round(probe.Width * (double)height / probe.Height / 2);
                graph.Append(Invariant($";[o{i}]scale={width}:{height}[s{i}]"));
                label = $"s{i}";
            }

            var directory = Path.Combine(folder, ArchiveSizes.Name(sizes[i]));
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true); // a build interrupted earlier
            }

            Directory.CreateDirectory(directory);
            outputs.AddRange([
                "-map", $"[{label}]", "-c:v", "libx264", "-preset", "superfast", "-crf", Invariant($"{plan.Crf}"), "-g", Invariant($"{Math.Max(1, (int)Math.Round(2 * probe.SourceFps))}"), "-bf", "0",
                "-pix_fmt", "yuv420p", "-force_key_frames", Invariant($"expr:gte(t,n_forced*{plan.SegmentSeconds})"),
                "-f", "segment", "-segment_time", Invariant($"{plan.SegmentSeconds}"), "-reset_timestamps", "1",
                "-segment_list", Path.Combine(directory, "segments.csv"), "-segment_list_type", "csv", Path.Combine(directory, $"{scene.Id}_%03d.mp4"),
            ]);
        }

        var loop = Invariant($"{quiet}");
        return ["-loop", "1", "-framerate", rate, "-t", loop, "-i", background,
            "-t", Invariant($"{busy}"), "-i", scene.Video,
            "-loop", "1", "-framerate", rate, "-t", loop, "-i", background,
            "-filter_complex", graph.ToString(), .. outputs];
    }

    private static async Task<List<(string Path, double Start)>> ReadSegmentsAsync(string directory, CancellationToken cancellationToken)
    {
        var segments = new List<(string, double)>();
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(directory, "segments.csv"), cancellationToken))
        {
            var fields = line.Split(',');
            if (fields.Length >= 2 && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var start))
            {
                segments.Add((Path.Combine(directory, fields[0]), start));
            }
        }

        return segments;
    }

    /// <summary>The job of one size: one camera per scene, its segments as inputs, its geometry scaled with the footage.</summary>
    private static string JobJson(IEnumerable<(ArchiveScene Scene, List<(string Path, double Start)> Segments, double Scale)> cameras)
    {
        static JsonArray Point(Point2 p, double scale) => [Math.Round(p.X * scale, 1), Math.Round(p.Y * scale, 1)];
        static JsonArray Polygon(Polygon polygon, double scale) => [.. polygon.Vertices.ToArray().Select(v => (JsonNode)Point(v, scale))];
        var job = new JsonObject
        {
            ["purpose"] = "Measurement of analysis throughput on a synthetic archive made from published sample footage (bench)",
            ["legalBasis"] = "Public-interest task, GDPR art. 6(1)(e)",
            ["controller"] = "Demonstration controller (published sample footage)",
            ["decisionReference"] = "Sample decision 2026-004 of 30 November 2026",
            ["binMinutes"] = 15,
            ["retentionOverride"] = new JsonObject { ["reason"] = "Synthetic archive built by the bench from published sample footage; not a municipal recording" },
            ["cameras"] = new JsonArray([.. cameras.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Scene.Id,
                ["timeZone"] = "Europe/Paris",
                ["inputs"] = new JsonArray([.. c.Segments.Select(s => (JsonNode)new JsonObject
                {
                    ["path"] = s.Path,
                    ["start"] = ArchiveStart.AddSeconds(s.Start).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
                })]),
                ["lines"] = new JsonArray([.. c.Scene.Lines.Select(l => (JsonNode)new JsonObject
                {
                    ["id"] = l.Id,
                    ["from"] = Point(l.From, c.Scale),
                    ["to"] = Point(l.To, c.Scale),
                    ["forward"] = l.ForwardName,
                    ["backward"] = l.BackwardName,
                    ["hysteresis"] = Math.Round(l.Hysteresis * c.Scale, 1),
                })]),
                ["zones"] = new JsonArray([.. c.Scene.Zones.Select(z => (JsonNode)new JsonObject { ["id"] = z.Id, ["polygon"] = Polygon(z.Polygon, c.Scale) })]),
                ["privacyMasks"] = new JsonArray([.. c.Scene.PrivacyMasks.Select(m => (JsonNode)Polygon(m, c.Scale))]),
            })]),
        };
        return job.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static async Task RunFfmpegAsync(List<string> arguments, ArchiveScene scene, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-nostdin", "-hide_banner", "-v", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        Process ffmpeg;
        try
        {
            ffmpeg = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            throw new ArchiveBuildException("the bench archive is built with FFmpeg, which is not installed: install the Debian package ffmpeg (apt-get install ffmpeg) or run ./setup.sh", missing: true);
        }

        using (ffmpeg)
        {
            var errors = ffmpeg.StandardError.ReadToEndAsync(cancellationToken);
            _ = ffmpeg.StandardOutput.ReadToEndAsync(cancellationToken);
            try
            {
                await ffmpeg.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                ffmpeg.Kill(entireProcessTree: true);
                throw;
            }

            if (ffmpeg.ExitCode != 0)
            {
                var reason = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "no message";
                throw new ArchiveBuildException($"ffmpeg failed (exit code {ffmpeg.ExitCode}) building the archive of {scene.Id}: {reason.Trim()}");
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

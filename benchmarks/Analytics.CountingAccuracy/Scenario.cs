using System.Globalization;
using System.Text.Json;
using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;

namespace Analytics.CountingAccuracy;

/// <summary>
/// One scenario of the product's accuracy suite (<c>samples/accuracy/suite.json</c>), read for fast experiments: the
/// recording, the job's lines, the truth per line, direction and class group, the rates, and the part of the footage
/// the truth covers (<see cref="Until"/>, from the recording's first frame).
/// </summary>
internal sealed record Scenario(string Id, string Video, CameraLayout Camera, Dictionary<(int Line, bool Forward, string Group), int> Truth, double[] Rates, TimeSpan Until)
{
    public static readonly string[] Groups = ["pedestrian", "cycle", "vehicle"];

    /// <summary>The model the scenario's job names for its camera (<c>cameras[].model</c>), used unless <c>--model</c> is given; null: the default.</summary>
    public string? Model { get; init; }

    /// <summary>Not a scenario of the suite (a variant for information): left out of the pooled suite figure.</summary>
    public bool Held { get; init; }

    public int TruthTotal => Truth.Values.Sum();

    /// <summary>The class group an object is compared under (vehicles all together, as the suite's truth).</summary>
    public static string GroupOf(ObjectClass c) => c switch
    {
        ObjectClass.Pedestrian => "pedestrian",
        ObjectClass.Cycle => "cycle",
        _ => "vehicle",
    };

    /// <summary>Σ|tool − truth| over every line, direction and group, and the tool's total, for crossings before <see cref="Until"/>.</summary>
    public (int Error, int Tool) Compare(FileStatistics statistics, DateTimeOffset start)
    {
        var tool = new Dictionary<(int, bool, string), int>();
        foreach (var c in statistics.Crossings.Where(c => c.Time - start < Until))
        {
            var key = (c.Line, c.Direction == CrossingDirection.Forward, GroupOf(c.Class.Class));
            tool[key] = tool.GetValueOrDefault(key) + 1;
        }

        var error = 0;
        foreach (var key in tool.Keys.Union(Truth.Keys))
        {
            error += Math.Abs(tool.GetValueOrDefault(key) - Truth.GetValueOrDefault(key));
        }

        return (error, tool.Values.Sum());
    }

    /// <summary>Reads the suite's scenarios; MOT truth is derived for the job's lines with the contract's geometry.</summary>
    public static List<Scenario> ReadSuite(string suiteFile, string videos)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var suite = JsonDocument.Parse(File.ReadAllText(suiteFile), options);
        var folder = Path.GetDirectoryName(Path.GetFullPath(suiteFile))!;
        var result = new List<Scenario>();
        foreach (var s in suite.RootElement.GetProperty("scenarios").EnumerateArray())
        {
            using var job = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, s.GetProperty("job").GetString()!)), options);
            var camera = job.RootElement.GetProperty("cameras")[0];
            var video = Path.Combine(videos, Path.GetFileName(camera.GetProperty("inputs")[0].GetProperty("path").GetString()!));
            var lines = camera.GetProperty("lines").EnumerateArray().Select(l => new CountingLine(
                l.GetProperty("id").GetString()!,
                Point(l.GetProperty("from")),
                Point(l.GetProperty("to")),
                l.TryGetProperty("forward", out var f) ? f.GetString()! : "forward",
                l.TryGetProperty("backward", out var b) ? b.GetString()! : "backward")).ToList();
            var layout = new CameraLayout(camera.GetProperty("id").GetString()!, lines, []);
            var truthFile = Path.GetFullPath(Path.Combine(folder, s.GetProperty("truth").GetString()!));
            var rates = s.GetProperty("rates").EnumerateArray().Select(r => r.GetDouble()).ToArray();
            if (!File.Exists(truthFile))
            {
                Console.Error.WriteLine($"{s.GetProperty("id").GetString()}: no truth at {truthFile}, skipped");
                continue;
            }

            var truth = new Dictionary<(int, bool, string), int>();
            var until = TimeSpan.MaxValue;
            if (truthFile.EndsWith(".csv", StringComparison.Ordinal))
            {
                var rows = File.ReadAllLines(truthFile);
                var header = rows[0].Split(',').ToList();
                foreach (var row in rows.Skip(1).Where(r => r.Length > 0))
                {
                    var v = row.Split(',');
                    var line = lines.FindIndex(l => l.Id == v[header.IndexOf("line_id")]);
                    var forward = lines[line].ForwardName == v[header.IndexOf("direction")];
                    var count = int.Parse(v[header.IndexOf("count")], CultureInfo.InvariantCulture);
                    var key = (line, forward, v[header.IndexOf("class")]);
                    truth[key] = truth.GetValueOrDefault(key) + count;
                }
            }
            else
            {
                var tracks = TruthTracks.Read(truthFile);
                var frames = tracks.Values.SelectMany(t => t).Max(p => p.Frame);
                until = TimeSpan.FromSeconds(frames / 10.0); // PETS: 10 fps, truth frame f is video frame f - 1
                for (var l = 0; l < lines.Count; l++)
                {
                    foreach (var e in TruthTracks.Events(tracks, lines[l]))
                    {
                        var key = (l, e.Forward, "pedestrian");
                        truth[key] = truth.GetValueOrDefault(key) + 1;
                    }
                }
            }

            result.Add(new Scenario(s.GetProperty("id").GetString()!, video, layout, truth, rates, until)
            {
                Model = camera.TryGetProperty("model", out var m) ? m.GetString() : null,
            });
        }

        return result;
    }

    private static Point2 Point(JsonElement e) => new(e[0].GetSingle(), e[1].GetSingle());
}

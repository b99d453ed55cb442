using System.Globalization;
using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.CountingAccuracy;
using Analytics.Tests.Shared;

// Counting accuracy of tracking + counting on the real detector's cached output, against the accuracy suite's truth
// (samples/accuracy/suite.json: PETS09-S2L1 frames 1-400 from MOT tracks, one-by-one, cyclist, traffic, parking), and
// on PETS lines the suite does not use (a grid every 20 px and an older set of nine: "held-out" lines, to see whether
// a change helps beyond the suite's seven). The same figures as './analytics accuracy' for the product's method, in
// seconds once the detections are cached, so that tracking and counting methods can be compared side by side.
//   dotnet run -c Release --project benchmarks/Analytics.CountingAccuracy -- [METHOD[@T] ...] [--model ID] [--rates 5,10] [--verbose] [--cache DIR]
//     --model ID: every scenario with that model (default: the model each scenario's job names for its camera, else the default)
//     METHOD: a name in CountingMethods.All (default: all); @T at another --threshold; --rates: every scenario at these
//     rates instead of the suite's; --verbose: counts per line, direction and class, and the crossings that differ;
//     --hysteresis PX: every line with another hysteresis (sensitivity only; the settled truths follow it).
//   ... -- --trace VIDEO FPS X1 Y1 X2 Y2 FROM TO   the tracker's tracks near a segment (and on PETS the annotated ones);
//       TRACE_METHOD=NAME traces another method, TRACE_REFINED=1 also prints the objects counting sees (joined, smoothed)
//   ... -- --dump VIDEO FPS [FROM TO]              the cached detections, frame by frame (before riders are merged)
// Truth is read from $ANALYTICS_SHARED or ../shared (ground-truth/); detections are cached under
// $TMPDIR/analytics-counting-accuracy, one file per clip, rate and model, before riders and duplicates are merged (those
// are merged afresh on every run; delete the files after a change to decoding or NMS).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var names = new List<string>();
var verbose = false;
string? model = null;
double[]? rates = null; // --rates 5,15: every scenario at these rates instead of the suite's (the suite column then pools them)
float? hysteresis = null; // --hysteresis PX: every line with another hysteresis than the contract's 3 px (sensitivity)
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--cache": DetectionCache.Folder = args[++i]; break;
        case "--model": model = args[++i]; break;
        case "--verbose": verbose = true; break;
        case "--hysteresis": hysteresis = float.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--rates": rates = args[++i].Split(',').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToArray(); break;
        default: names.Add(args[i]); break;
    }
}

var shared = Environment.GetEnvironmentVariable("ANALYTICS_SHARED") is { Length: > 0 } folder
    ? Path.GetFullPath(folder)
    : Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared"));
var petsVideo = Path.Combine(RepositoryPaths.SampleVideos, "pets09_s2l1_vtest_480x360.mp4");
var petsTruthFile = Path.Combine(shared, "ground-truth", "pets09_s2l1_frames_0001-0400_480x360.txt");
var start = DetectionCache.RecordingStart;

if (names.Count > 0 && names[0] == "--trace")
{
    // --trace VIDEO FPS X1 Y1 X2 Y2 FROM TO: the tracker's tracks near a segment, in signed distances to it (filtered /
    // detected anchor, the detection's score and class), and on PETS the annotated tracks near it.
    var video = names[1];
    var v = names.Skip(2).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).ToArray();
    var line = new CountingLine("trace", new Point2((float)v[1], (float)v[2]), new Point2((float)v[3], (float)v[4]));
    var method = CountingMethods.Find(Environment.GetEnvironmentVariable("TRACE_METHOD") ?? "product");
    var traceFrames = DetectionCache.Prepare(DetectionCache.Load(Path.Combine(RepositoryPaths.SampleVideos, video), v[0], model), method.Floor, method.Refine);
    if (Environment.GetEnvironmentVariable("TRACE_REFINED") is not null)
    {
        // The objects counting sees (joined, smoothed, interpolated): id, signed distance of the anchor, seen (s) or filled (~).
        var tracker = new Analytics.Core.Tracking.ByteTracker(method.Tracker ?? CountingMethods.Tracker);
        var refiner = new Analytics.Core.Tracking.TrackRefiner();
        var obs = new List<Analytics.Core.Tracking.TrackObservation>();
        var end = new List<Analytics.Core.Tracking.EndedTrack>();
        var paths = new SortedDictionary<int, List<string>>();
        void Take()
        {
            var o2 = new List<Analytics.Core.Tracking.TrackObservation>();
            var e2 = new List<Analytics.Core.Tracking.EndedTrack>();
            while (refiner.TryTake(o2, e2, out var t))
            {
                var sec = (t - start).TotalSeconds;
                foreach (var o in o2.Where(_ => sec >= v[5] && sec <= v[6]))
                {
                    if (!paths.TryGetValue(o.TrackId, out var p))
                    {
                        paths[o.TrackId] = p = [];
                    }

                    p.Add($"{sec:0.0}:{line.SignedDistance(o.Anchor):0.0}{(o.Detection.Box.Area > 0 ? "" : "~")}@({o.Anchor.X:0},{o.Anchor.Y:0})");
                }
            }
        }

        foreach (var f in traceFrames)
        {
            tracker.Update(f.Time, f.Objects, obs, end);
            refiner.Add(f.Time, obs, end);
            Take();
        }

        tracker.Finish(end);
        refiner.Finish(end);
        Take();
        foreach (var (id, p) in paths.Where(p => p.Value.Any(x => MathF.Abs(float.Parse(x.Split(':')[1].Split('@')[0].TrimEnd('~'), CultureInfo.InvariantCulture)) < 15)))
        {
            Console.WriteLine($"object {id}: {string.Join(" ", p)}");
        }
    }

    var (traced, _) = TrackRecorder.Record(traceFrames, method.Tracker ?? CountingMethods.Tracker);
    foreach (var t in traced)
    {
        var near = t.Observations.Where(o => (o.Time - start).TotalSeconds is var s && s >= v[5] && s <= v[6]).ToList();
        if (near.Any(o => MathF.Abs(line.SignedDistance(o.Filtered.Anchor)) < 30))
        {
            Console.WriteLine($"tool {t.Id} {t.Class} ({(t.First.Time - start).TotalSeconds:0.0}-{(t.Last.Time - start).TotalSeconds:0.0} s): " + string.Join(" ", near.Select(o =>
                $"{(o.Time - start).TotalSeconds:0.0}:{line.SignedDistance(o.Filtered.Anchor):0}/{line.SignedDistance(o.Detection.Box.Anchor):0}@({o.Filtered.Anchor.X:0},{o.Filtered.Anchor.Y:0})h{o.Filtered.Height:0}{o.Detection.Class.ToString()[..1]}{o.Detection.Score:.00}")));
        }
    }

    if (video.StartsWith("pets", StringComparison.Ordinal))
    {
        foreach (var (id, track) in TruthTracks.Read(petsTruthFile))
        {
            var near = track.Where(p => (p.Frame - 1) / 10.0 >= v[5] && (p.Frame - 1) / 10.0 <= v[6]).ToList();
            if (near.Any(p => MathF.Abs(line.SignedDistance(p.Anchor)) < 15))
            {
                Console.WriteLine($"truth {id}: " + string.Join(" ", near.Where((_, i) => i % (int)(10 / v[0]) == 0).Select(p => $"{(p.Frame - 1) / 10.0:0.0}:{line.SignedDistance(p.Anchor):0.0}@({p.Anchor.X:0},{p.Anchor.Y:0})")));
            }
        }
    }

    return 0;
}

if (names.Count > 0 && names[0] == "--dump")
{
    // --dump VIDEO FPS [FROM TO]: the cached raw detections (before riders and duplicates are merged), frame by frame.
    var frames = DetectionCache.Load(Path.Combine(RepositoryPaths.SampleVideos, names[1]), double.Parse(names[2], CultureInfo.InvariantCulture), model);
    var (from, to) = names.Count > 4 ? (double.Parse(names[3], CultureInfo.InvariantCulture), double.Parse(names[4], CultureInfo.InvariantCulture)) : (0, double.MaxValue);
    foreach (var frame in frames.Where(f => (f.Time - start).TotalSeconds >= from && (f.Time - start).TotalSeconds <= to))
    {
        Console.WriteLine($"{frame.Index} {(frame.Time - start).TotalSeconds:0.00}s: " + string.Join("  ", frame.Objects.Where(o => o.Score >= 0.1f).Select(o =>
            $"{(o.Class == ObjectClass.Vehicle ? o.Kind.ToString() : o.Class.ToString())[..3]}{o.Score:.00}[{o.Box.Left:0},{o.Box.Top:0},{o.Box.Right:0},{o.Box.Bottom:0}]")));
    }

    return 0;
}

var methods = names.Count == 0 ? CountingMethods.All : names.Select(CountingMethods.Find).ToList();
var scenarios = Scenario.ReadSuite(Path.Combine(RepositoryPaths.Root, "samples", "accuracy", "suite.json"), RepositoryPaths.SampleVideos)
    .Select(s => rates is null ? s : s with { Rates = rates }).ToList();
if (hysteresis is { } h)
{
    scenarios = scenarios.Select(s => s with { Camera = s.Camera with { Lines = s.Camera.Lines.Select(l => l with { Hysteresis = h }).ToList() } }).ToList();
}

// Held-out PETS lines: a grid of vertical and horizontal lines every 20 px over the plaza and an older set of nine. The
// clear ones (every true crossing goes 5 px past the line on both sides within 1.5 s) are measured against the
// sign-change truth; the unclear ones, where someone stands or turns on the line, against the contract's own rule (a
// crossing settles 3 px beyond the line) applied to the annotated anchors, and ("unclear-sign") against the sign-change
// truth as well, the truth 'validate' derives from tracks: the column that stays fixed when --hysteresis changes the rule.
var truthTracks = TruthTracks.Read(petsTruthFile);
CountingLine[] nine =
[
    new("v120", new Point2(120, 100), new Point2(120, 220)), new("v220", new Point2(220, 100), new Point2(220, 280)),
    new("v370", new Point2(370, 80), new Point2(370, 280)), new("h180", new Point2(330, 180), new Point2(480, 180)),
    new("h140", new Point2(380, 140), new Point2(480, 140)), new("h120", new Point2(380, 120), new Point2(480, 120)),
    new("d140", new Point2(140, 220), new Point2(260, 100)), new("d300", new Point2(300, 250), new Point2(440, 120)),
    new("d380", new Point2(380, 260), new Point2(480, 160)),
];
var grid = Enumerable.Range(0, 19).Select(i => new CountingLine($"x{100 + (20 * i)}", new Point2(100 + (20 * i), 80), new Point2(100 + (20 * i), 280)))
    .Concat(Enumerable.Range(0, 9).Select(i => new CountingLine($"y{100 + (20 * i)}", new Point2(100, 100 + (20 * i)), new Point2(480, 100 + (20 * i)))))
    .Concat(nine)
    .Select(l => hysteresis is { } hh ? l with { Hysteresis = hh } : l)
    .ToList();
var clear = grid.Where(l => TruthTracks.IsClear(truthTracks, l)).ToList();
var unclear = grid.Except(clear).ToList();
var heldOut = new List<(string Name, List<CountingLine> Lines, int[] Forward, int[] Backward)>();
foreach (var (name, lines, settled) in new[] { ("clear", clear, false), ("unclear", unclear, true), ("unclear-sign", unclear, false) })
{
    var events = lines.Select(l => settled ? TruthTracks.SettledEvents(truthTracks, l) : TruthTracks.Events(truthTracks, l)).ToList();
    heldOut.Add((name, lines, events.Select(e => e.Count(c => c.Forward)).ToArray(), events.Select(e => e.Count(c => !c.Forward)).ToArray()));
}

// The suite's PETS truth counts every sign change of an annotated anchor, also a standing person's drift of a pixel or
// two across a line, which the counting contract (3 px hysteresis) does not count by design: the same lines against
// the contract's own rule applied to the annotated anchors, for information.
foreach (var sc in scenarios.Where(s => s.Id == "pets-plaza").ToList())
{
    var settled = new Dictionary<(int, bool, string), int>();
    for (var l = 0; l < sc.Camera.Lines.Count; l++)
    {
        foreach (var e in TruthTracks.SettledEvents(truthTracks, sc.Camera.Lines[l]))
        {
            settled[(l, e.Forward, "pedestrian")] = settled.GetValueOrDefault((l, e.Forward, "pedestrian")) + 1;
        }
    }

    scenarios.Add(sc with { Id = "pets-settled", Truth = settled, Held = true });
}

Console.WriteLine("truth: " + string.Join(", ", scenarios.Select(s => $"{s.Id} {s.TruthTotal} on {s.Camera.Lines.Count} lines"))
    + "; held-out PETS lines: " + string.Join(", ", heldOut.Select(h => $"{h.Name} {h.Forward.Sum() + h.Backward.Sum()} on {h.Lines.Count}")));
Console.WriteLine("each cell: Σ|tool−truth|/Σtruth (tool total); suite = the cells of every scenario and rate pooled, as './analytics accuracy' does");
var columns = scenarios.SelectMany(s => s.Rates.Select(r => $"{s.Id} {r}")).Concat(["suite (not pets-settled)"]).Concat(heldOut.SelectMany(h => new[] { $"{h.Name} 10", $"{h.Name} 5" }));
Console.WriteLine("method              | " + string.Join(" | ", columns.Select(c => c.PadRight(18))));
foreach (var method in methods)
{
    var cells = new List<string>();
    int suiteError = 0, suiteTruth = 0, suiteTool = 0;
    var details = new List<string>();
    foreach (var scenario in scenarios)
    {
        foreach (var rate in scenario.Rates)
        {
            var frames = DetectionCache.Prepare(DetectionCache.Load(scenario.Video, rate, model ?? scenario.Model), method.Floor, method.Refine);
            var statistics = method.Count(scenario.Camera, frames, rate);
            var (error, tool) = scenario.Compare(statistics, start);
            if (!scenario.Held)
            {
                (suiteError, suiteTruth, suiteTool) = (suiteError + error, suiteTruth + scenario.TruthTotal, suiteTool + tool);
            }

            cells.Add($"{100.0 * error / scenario.TruthTotal,5:0.0}% ({tool}/{scenario.TruthTotal})");
            if (verbose)
            {
                details.Add($"  {scenario.Id} {rate} fps, tool/truth per line, direction and group: " + string.Join("  ", scenario.Camera.Lines.SelectMany((line, l) =>
                    new[] { true, false }.SelectMany(f => Scenario.Groups.Select(g => (l, f, g)))
                        .Select(k => (k, Tool: statistics.Crossings.Count(c => c.Time - start < scenario.Until && c.Line == k.l && c.Direction == (k.f ? CrossingDirection.Forward : CrossingDirection.Backward) && Scenario.GroupOf(c.Class.Class) == k.g), Truth: scenario.Truth.GetValueOrDefault(k)))
                        .Where(x => x.Tool + x.Truth > 0)
                        .Select(x => $"{line.Id}/{line.NameOf(x.k.f ? CrossingDirection.Forward : CrossingDirection.Backward)}/{x.k.g[..3]} {x.Tool}/{x.Truth}{(x.Tool != x.Truth ? "!" : "")}"))));
                if (scenario.Id.StartsWith("pets", StringComparison.Ordinal))
                {
                    details.AddRange(Mismatches(scenario.Camera.Lines, statistics, settled: scenario.Held));
                }
                else
                {
                    details.AddRange(scenario.Camera.Lines.Select((line, l) => $"    {line.Id}: " + string.Join(" ", statistics.Crossings.Where(c => c.Line == l).OrderBy(c => c.Time)
                        .Select(c => $"{(c.Time - start).TotalSeconds:0.0}s{(c.Direction == CrossingDirection.Forward ? "F" : "B")}{Scenario.GroupOf(c.Class.Class)[..3]}"))));
                }
            }
        }
    }

    cells.Add($"{100.0 * suiteError / suiteTruth,5:0.0}% ({suiteTool}/{suiteTruth})");
    foreach (var (name, lines, forward, backward) in heldOut)
    {
        var camera = new CameraLayout("pets", lines, []);
        foreach (var rate in new[] { 10.0, 5.0 })
        {
            var frames = DetectionCache.Prepare(DetectionCache.Load(petsVideo, rate, model), method.Floor, method.Refine);
            var statistics = method.Count(camera, frames, rate);
            int error = 0, tool = 0;
            for (var l = 0; l < lines.Count; l++)
            {
                var f = statistics.Crossings.Count(c => c.Line == l && c.Time - start < TimeSpan.FromSeconds(40) && c.Direction == CrossingDirection.Forward);
                var b = statistics.Crossings.Count(c => c.Line == l && c.Time - start < TimeSpan.FromSeconds(40) && c.Direction == CrossingDirection.Backward);
                error += Math.Abs(f - forward[l]) + Math.Abs(b - backward[l]);
                tool += f + b;
            }

            var truth = forward.Sum() + backward.Sum();
            cells.Add($"{100.0 * error / truth,5:0.0}% ({tool}/{truth})");
            if (verbose)
            {
                details.Add($"  held-out {name} {rate} fps:");
                details.AddRange(Mismatches(lines, statistics, settled: name == "unclear"));
            }
        }
    }

    Console.WriteLine($"{method.Name,-19} | " + string.Join(" | ", cells.Select(c => c.PadRight(18))));
    details.ForEach(Console.WriteLine);
}

return 0;

// PETS: the truth's crossings of each line that the tool did not make within 1.5 s, and the tool's that the truth did not.
IEnumerable<string> Mismatches(IReadOnlyList<CountingLine> lines, FileStatistics statistics, bool settled = false)
{
    for (var l = 0; l < lines.Count; l++)
    {
        var truth = (settled ? TruthTracks.SettledEvents(truthTracks, lines[l]) : TruthTracks.Events(truthTracks, lines[l])).Select(e => ($"t{e.Track}", (e.Frame - 1) / 10.0, e.Forward)).OrderBy(e => e.Item2).ToList();
        var tool = statistics.Crossings.Where(c => c.Line == l && (c.Time - start).TotalSeconds < 40)
            .Select(c => ((c.Time - start).TotalSeconds, c.Direction == CrossingDirection.Forward, c.Class.Class)).ToList();
        var missed = new List<string>();
        foreach (var (track, seconds, forward) in truth)
        {
            var match = tool.FindIndex(t => t.Item2 == forward && Math.Abs(t.Item1 - seconds) < 1.5);
            if (match >= 0)
            {
                tool.RemoveAt(match);
            }
            else
            {
                missed.Add($"{track}@{seconds:0.0}{(forward ? "F" : "B")}");
            }
        }

        if (missed.Count + tool.Count > 0)
        {
            yield return $"    {lines[l].Id}: missed {string.Join(" ", missed)}; extra {string.Join(" ", tool.Select(t => $"{t.Item1:0.0}{(t.Item2 ? "F" : "B")}{(t.Class == ObjectClass.Pedestrian ? "" : "(" + t.Class + ")")}"))}";
        }
    }
}

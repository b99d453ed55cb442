using System.Globalization;
using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.CountingAccuracy;
using Analytics.Tests.Shared;

// Counting accuracy of tracking + counting on the real detector's output (YOLOX-Nano 416, the default model), against
// annotated truth: PETS09-S2L1 frames 1-400 (MOT tracks), the cyclist clip and the one-by-one clip (hand counts).
//   dotnet run -c Release --project benchmarks/Analytics.CountingAccuracy -- [method ...] [--verbose] [--cache DIR]
//   dotnet run -c Release --project benchmarks/Analytics.CountingAccuracy -- --trace FPS X1 Y1 X2 Y2 FROM TO
// (--trace: the tracker's tracks and the annotated ones near a segment of the PETS frame, in signed distances to it.)
// Truth is read from $ANALYTICS_SHARED or ../shared (ground-truth/, videos/); detections are cached under
// $TMPDIR/analytics-counting-accuracy, one file per clip, rate and model (delete them after a detector change).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var methods = new List<string>();
var verbose = false;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--cache")
    {
        DetectionCache.Folder = args[++i];
    }
    else if (args[i] == "--verbose")
    {
        verbose = true;
    }
    else
    {
        methods.Add(args[i]);
    }
}

if (methods.Count > 0 && methods[0] == "--trace")
{
    // --trace FPS X1 Y1 X2 Y2 FROM TO: anchors (signed distance to the segment) of the tool's tracks and of the truth near it.
    var v = methods.Skip(1).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).ToArray();
    var line = new CountingLine("trace", new Point2((float)v[1], (float)v[2]), new Point2((float)v[3], (float)v[4]));
    var traceTruth = TruthTracks.Read(Path.Combine(SharedFolder(), "ground-truth", "pets09_s2l1_frames_0001-0400_480x360.txt"));
    var traceFrames = DetectionCache.Load(Path.Combine(RepositoryPaths.SampleVideos, "pets09_s2l1_vtest_480x360.mp4"), v[0], 0.1f, 400);
    var (traced, _) = TrackRecorder.Record(traceFrames, CountingMethods.Tracker);
    foreach (var t in traced)
    {
        var near = t.Observations.Where(o => (o.Time - DetectionCache.RecordingStart).TotalSeconds is var s && s >= v[5] && s <= v[6]).ToList();
        if (near.Any(o => MathF.Abs(line.SignedDistance(o.Filtered.Anchor)) < 15))
        {
            Console.WriteLine($"tool {t.Id} ({(t.First.Time - DetectionCache.RecordingStart).TotalSeconds:0.0}-{(t.Last.Time - DetectionCache.RecordingStart).TotalSeconds:0.0} s): " + string.Join(" ", near.Select(o =>
                $"{(o.Time - DetectionCache.RecordingStart).TotalSeconds:0.0}:{line.SignedDistance(o.Filtered.Anchor):0.0}/{line.SignedDistance(o.Detection.Box.Anchor):0.0}@({o.Filtered.Anchor.X:0},{o.Filtered.Anchor.Y:0})h{o.Filtered.Height:0}")));
        }
    }

    foreach (var (id, track) in traceTruth)
    {
        var near = track.Where(p => (p.Frame - 1) / 10.0 >= v[5] && (p.Frame - 1) / 10.0 <= v[6]).ToList();
        if (near.Any(p => MathF.Abs(line.SignedDistance(p.Anchor)) < 15))
        {
            Console.WriteLine($"truth {id}: " + string.Join(" ", near.Where((_, i) => i % (int)(10 / v[0]) == 0).Select(p => $"{(p.Frame - 1) / 10.0:0.0}:{line.SignedDistance(p.Anchor):0.0}@({p.Anchor.X:0},{p.Anchor.Y:0})")));
        }
    }

    return 0;
}

if (methods.Count == 0)
{
    methods.AddRange(CountingMethods.All.Keys);
}

var shared = SharedFolder();
string Video(string name) => new[] { Path.Combine(RepositoryPaths.SampleVideos, name), Path.Combine(shared, "videos", name) }.FirstOrDefault(File.Exists)
    ?? throw new FileNotFoundException($"{name} is neither in samples/videos nor in {shared}/videos");
var truthFile = Path.Combine(shared, "ground-truth", "pets09_s2l1_frames_0001-0400_480x360.txt");
if (!File.Exists(truthFile))
{
    Console.Error.WriteLine($"no ground truth at {truthFile}: nothing to measure");
    return 2;
}

// PETS 2009 S2.L1, frames 1-400: lines across the main flows of the plaza, three vertical, three horizontal and three
// oblique. None passes where an annotated person stands or turns (every true crossing goes at least 5 px past the
// line on both sides within 1.5 s): on such a line the annotation's own sub-pixel jitter would be counted as truth.
CountingLine[] petsLines =
[
    new("v120", new Point2(120, 100), new Point2(120, 220)),
    new("v220", new Point2(220, 100), new Point2(220, 280)),
    new("v370", new Point2(370, 80), new Point2(370, 280)),
    new("h180", new Point2(330, 180), new Point2(480, 180)),
    new("h140", new Point2(380, 140), new Point2(480, 140)),
    new("h120", new Point2(380, 120), new Point2(480, 120)),
    new("d140", new Point2(140, 220), new Point2(260, 100)),
    new("d300", new Point2(300, 250), new Point2(440, 120)),
    new("d380", new Point2(380, 260), new Point2(480, 160)),
];
var truthTracks = TruthTracks.Read(truthFile);

// Two more sets, for their larger numbers: a grid of vertical and horizontal lines every 20 px over the plaza. The
// clear ones (as above) are measured against the sign-change truth; the others, where someone stands or turns on the
// line, against the contract's own rule (a crossing settles 3 px beyond the line) applied to the annotated anchors.
var grid = Enumerable.Range(0, 19).Select(i => new CountingLine($"x{100 + (20 * i)}", new Point2(100 + (20 * i), 80), new Point2(100 + (20 * i), 280)))
    .Concat(Enumerable.Range(0, 9).Select(i => new CountingLine($"y{100 + (20 * i)}", new Point2(100, 100 + (20 * i)), new Point2(480, 100 + (20 * i)))))
    .ToList();
var clearGrid = grid.Where(l => TruthTracks.IsClear(truthTracks, l)).ToList();
var unclearGrid = grid.Except(clearGrid).ToList();
CountingLine[] allPetsLines = [.. petsLines, .. clearGrid, .. unclearGrid];
var pets = new CameraLayout("pets", allPetsLines, []);
var petsTruthEvents = allPetsLines.Select((l, i) => i < petsLines.Length + clearGrid.Count ? TruthTracks.Events(truthTracks, l) : TruthTracks.SettledEvents(truthTracks, l)).ToArray();
var petsTruth = petsTruthEvents.Select(e => (Forward: e.Count(c => c.Forward), Backward: e.Count(c => !c.Forward))).ToArray();
var sets = new (string Name, int From, int To)[] { ("lines", 0, petsLines.Length), ("grid", petsLines.Length, petsLines.Length + clearGrid.Count), ("unclear", petsLines.Length + clearGrid.Count, allPetsLines.Length) };

var cyclist = new CameraLayout("cyclist", [new CountingLine("road", new Point2(0, 405), new Point2(800, 405))], []);
var oneByOne = new CameraLayout("room", [new CountingLine("exit", new Point2(600, 432), new Point2(600, 250), "leaving", "arriving")],
    [new CountingZone("table", new Polygon([new Point2(250, 250), new Point2(560, 250), new Point2(560, 432), new Point2(250, 432)]))]);

Console.WriteLine("truth (PETS, pedestrians, forward/backward): " + string.Join(" ", petsLines.Select((l, i) => $"{l.Id} {petsTruth[i].Forward}/{petsTruth[i].Backward}")));
foreach (var (set, from, to) in sets)
{
    Console.WriteLine($"  {set}: {to - from} lines, {petsTruth[from..to].Sum(t => t.Forward)} forward, {petsTruth[from..to].Sum(t => t.Backward)} backward");
}

Console.WriteLine();
Console.WriteLine("PETS: Σ|tool−truth|/Σtruth over the lines of a set, pedestrians: forward / backward (either direction, any class); grid and unclear: both directions");
Console.WriteLine("cyclist: crossings counted (truth: 1 cycle forward); one-by-one: pedestrians leaving (truth 6), arriving (0), table zone mean (0.66-0.78) and entries (6-7)");
Console.WriteLine("method              | PETS 10 fps: lines F / B (all), grid, unclear   | PETS 5 fps: lines F / B (all), grid, unclear    | cyclist 10 / 5 fps     | one-by-one 10 / 5 fps");

foreach (var name in methods)
{
    var method = CountingMethods.All[name];
    var row = new List<string> { name.PadRight(19) };
    foreach (var fps in new[] { 10.0, 5.0 })
    {
        var frames = DetectionCache.Load(Video("pets09_s2l1_vtest_480x360.mp4"), fps, 0.1f, 400);
        var statistics = method(pets, frames, fps);
        int Count(int l, CrossingDirection d, bool anyClass) => statistics.Crossings.Count(c => c.Line == l && c.Direction == d && (anyClass || c.Class.Class == ObjectClass.Pedestrian));
        var cells = new List<string>();
        foreach (var (set, from, to) in sets)
        {
            int errorF = 0, errorB = 0, errorAll = 0;
            for (var l = from; l < to; l++)
            {
                errorF += Math.Abs(Count(l, CrossingDirection.Forward, false) - petsTruth[l].Forward);
                errorB += Math.Abs(Count(l, CrossingDirection.Backward, false) - petsTruth[l].Backward);
                errorAll += Math.Abs(Count(l, CrossingDirection.Forward, true) - petsTruth[l].Forward) + Math.Abs(Count(l, CrossingDirection.Backward, true) - petsTruth[l].Backward);
            }

            var (truthF, truthB) = (petsTruth[from..to].Sum(t => t.Forward), petsTruth[from..to].Sum(t => t.Backward));
            cells.Add(set == "lines"
                ? $"{100.0 * errorF / truthF,4:0.0}% / {100.0 * errorB / truthB,4:0.0}% ({100.0 * errorAll / (truthF + truthB),4:0.0}%)"
                : $"{100.0 * (errorF + errorB) / (truthF + truthB),4:0.0}%");
        }

        row.Add(string.Join(", ", cells).PadRight(46));
        if (verbose)
        {
            Console.WriteLine($"  {name} {fps} fps, tool/truth per line (F B): " + string.Join("  ", allPetsLines.Select((line, l) =>
                $"{line.Id} {Count(l, CrossingDirection.Forward, false)}/{petsTruth[l].Forward} {Count(l, CrossingDirection.Backward, false)}/{petsTruth[l].Backward}")));
            for (var l = 0; l < allPetsLines.Length; l++)
            {
                var truth = petsTruthEvents[l].Select(e => ($"t{e.Track}", (e.Frame - 1) / 10.0, e.Forward)).ToList();
                var tool = statistics.Crossings.Where(c => c.Line == l).Select(c => ((c.Time - DetectionCache.RecordingStart).TotalSeconds, c.Direction == CrossingDirection.Forward, c.Class.Class)).ToList();
                var unmatchedTruth = new List<string>();
                foreach (var (track, seconds, forward) in truth.OrderBy(t => t.Item2))
                {
                    var match = tool.FindIndex(t => t.Item2 == forward && Math.Abs(t.Item1 - seconds) < 1.5);
                    if (match >= 0)
                    {
                        tool.RemoveAt(match);
                    }
                    else
                    {
                        unmatchedTruth.Add($"{track}@{seconds:0.0}{(forward ? "F" : "B")}");
                    }
                }

                if (unmatchedTruth.Count + tool.Count > 0)
                {
                    Console.WriteLine($"    {fps} fps {allPetsLines[l].Id}: missed {string.Join(" ", unmatchedTruth)}; extra {string.Join(" ", tool.Select(t => $"{t.Item1:0.0}{(t.Item2 ? "F" : "B")}{(t.Class == ObjectClass.Pedestrian ? "" : "(" + t.Class + ")")}"))}");
                }
            }
        }
    }

    var cycles = new List<string>();
    foreach (var fps in new[] { 10.0, 5.0 })
    {
        var cyclistFrames = DetectionCache.Load(Video("otanalytics_testvideo_cars-cyclist_800x600.mp4"), fps, 0.1f, long.MaxValue);
        var statistics = method(cyclist, cyclistFrames, fps);
        if (verbose)
        {
            var (tracks, _) = TrackRecorder.Record(cyclistFrames, CountingMethods.Tracker);
            foreach (var t in tracks)
            {
                Console.WriteLine($"  cyclist {fps} fps track {t.Id} {t.Class}/{t.Kind} {t.Evidence}: " + string.Join(" ", t.Observations.Select(o =>
                    $"{cyclistFrames[o.Frame].Index}:{o.Detection.Class.ToString()[..3]}{(o.Detection.Kind == VehicleKind.Motorcycle ? "M" : "")}{o.Detection.Score:.00}@{o.Filtered.Bottom:0}{(o.TwoWheelers.Length > 0 ? "+" + o.TwoWheelers.Length : "")}")));
            }
        }

        // Truth: one cycle forward, nothing else.
        var cycleForward = statistics.Crossings.Count(c => c.Class.Class == ObjectClass.Cycle && c.Direction == CrossingDirection.Forward);
        var others = statistics.Crossings.Count - cycleForward;
        cycles.Add(others == 0 ? $"{cycleForward} cyc" : $"{cycleForward} cyc+{others} {string.Join(",", statistics.Crossings.Where(c => c.Class.Class != ObjectClass.Cycle || c.Direction != CrossingDirection.Forward).Select(c => ObjectClassNames.Of(c.Class.Class)[..3]))}");
    }

    row.Add(string.Join(" / ", cycles).PadRight(22));
    var room = new List<string>();
    foreach (var fps in new[] { 10.0, 5.0 })
    {
        var frames = DetectionCache.Load(Video("intel_one-by-one-person-detection.mp4"), fps, 0.1f, long.MaxValue);
        var statistics = method(oneByOne, frames, fps);
        var leaving = statistics.Crossings.Count(c => c.Direction == CrossingDirection.Forward && c.Class.Class == ObjectClass.Pedestrian);
        var arriving = statistics.Crossings.Count(c => c.Direction == CrossingDirection.Backward);
        var otherClasses = statistics.Crossings.Count(c => c.Class.Class != ObjectClass.Pedestrian);
        var seconds = (frames[^1].Time - frames[0].Time).TotalSeconds + (1 / fps);
        var mean = statistics.Presence.Where(p => p.Class.Class == ObjectClass.Pedestrian).Sum(p => (p.End - p.Start).TotalSeconds) / seconds;
        var entries = statistics.Entries.Count(e => e.Class.Class == ObjectClass.Pedestrian);
        room.Add($"{leaving}{(otherClasses > 0 ? $"(+{otherClasses})" : "")} {arriving} {mean:0.00} {entries}");
    }

    row.Add(string.Join(" / ", room));
    Console.WriteLine(string.Join(" | ", row));
}

return 0;

static string SharedFolder() => Environment.GetEnvironmentVariable("ANALYTICS_SHARED") is { Length: > 0 } folder
    ? Path.GetFullPath(folder)
    : Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared"));

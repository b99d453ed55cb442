using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Tests.Shared;
using Analytics.Vision.Detection;
using Analytics.Vision.Models;
using Analytics.Vision.Video;
using OpenCvSharp;

namespace Analytics.Vision.Tests.Detection;

/// <summary>
/// The real PP-PicoDet-S 416 model on real frames. It runs as a run runs it, down to the 0.1 floor that keeps
/// tracks alive; the assertions are on what reaches <see cref="TrackStart"/>, the default threshold that starts a
/// track (weaker boxes never start one). Expected boxes were checked by a person: each frame was rendered with every
/// box drawn and looked at, as each test says. Tolerances as for YOLOX: scores ±0.01, boxes IoU ≥ 0.9.
/// </summary>
public sealed class PicoDetOnSampleVideosTests : IClassFixture<PicoDetOnSampleVideosTests.Model>
{
    /// <summary>The default <c>--threshold</c>: a detection must score this much to start a track.</summary>
    private const float TrackStart = 0.35f;

    private readonly FrameDetector _detector;

    public PicoDetOnSampleVideosTests(Model model) => _detector = model.Detector;

    /// <summary>
    /// PETS 2009 frame 100. Looked at: all seven people are found, the one half hidden behind the sign post at x≈275
    /// included (YOLOX-Nano misses it); the parked white van is a truck and the car cut by the right edge a car. Two
    /// false positives reach the threshold, listed last: the stone on the lower lawn (~[101,156,120,173]) and the blue
    /// information post on the left (~[19,69,30,90], which YOLOX-Nano also takes for a person).
    /// </summary>
    public static TheoryData<ObjectClass, VehicleKind, float, float, float, float, float> Pets100 => new()
    {
        { ObjectClass.Pedestrian, VehicleKind.None, 0.791f, 368, 95, 386, 147 },
        { ObjectClass.Pedestrian, VehicleKind.None, 0.784f, 217, 123, 238, 171 },
        { ObjectClass.Pedestrian, VehicleKind.None, 0.777f, 308, 92, 323, 136 },
        { ObjectClass.Pedestrian, VehicleKind.None, 0.757f, 323, 94, 338, 136 },
        { ObjectClass.Vehicle, VehicleKind.Car, 0.728f, 454, 32, 480, 60 },
        { ObjectClass.Pedestrian, VehicleKind.None, 0.723f, 237, 108, 255, 159 },
        { ObjectClass.Vehicle, VehicleKind.Truck, 0.628f, 407, 26, 453, 64 },
        { ObjectClass.Pedestrian, VehicleKind.None, 0.610f, 139, 38, 147, 59 },
        { ObjectClass.Pedestrian, VehicleKind.None, 0.408f, 274, 111, 284, 154 },
        { ObjectClass.Pedestrian, VehicleKind.None, 0.410f, 101, 156, 120, 173 },
        { ObjectClass.Pedestrian, VehicleKind.None, 0.376f, 19, 69, 30, 90 },
    };

    [Fact]
    public void Pets_frame_100_has_the_seven_people_the_two_parked_vehicles_and_two_known_false_positives()
    {
        using var frame = SampleFrames.Read("pets09_s2l1_vtest_480x360.mp4", 100);

        var objects = Detect(frame);

        Assert.True(Pets100.Count == objects.Count, string.Join(" ", objects));
        foreach (var row in Pets100)
        {
            var (objectClass, kind, score, box) = ((ObjectClass)row[0], (VehicleKind)row[1], (float)row[2], new Box((float)row[3], (float)row[4], (float)row[5], (float)row[6]));
            var match = objects.OrderByDescending(o => o.Box.IoU(box)).First();
            Assert.True(match.Box.IoU(box) >= 0.9f, $"{objectClass} at {box}: best match {match.Box}");
            Assert.Equal((objectClass, kind), (match.Class, match.Kind));
            Assert.Equal(score, match.Score, 0.01f);
        }
    }

    /// <summary>
    /// The junction clip, frames 40–55: one cyclist rides down the image towards the camera. Looked at (frames 36–58,
    /// every box drawn): it is one person on a bicycle (an e-bike), nothing else moves below y = 280 before frame 58
    /// (the car following stays above; the waiting red car, parked cars and a pedestrian are at the top). The model
    /// sees the rider as a person and the bicycle as a bicycle, a motorcycle, or both at once; whatever it reports,
    /// the cyclist must come out as one object, never with a pedestrian beside it. It calls the whole a motorcycle on
    /// frames 41–43 and 53 (the class a track keeps is its majority, a cycle here) and a cycle on the other twelve.
    /// </summary>
    [FactWithFootage(EvaluationFootage.JunctionCyclist)]
    public void The_junction_cyclist_is_one_cycle_in_every_frame_never_a_pedestrian_as_well()
    {
        var onTheRoad = new List<(long Frame, DetectedObject Object)>();
        using (var reader = VideoReader.Open(EvaluationFootage.Find(EvaluationFootage.JunctionCyclist)!, DateTimeOffset.UnixEpoch))
        {
            while (reader.Read(out var time) && time.Index <= 55)
            {
                if (time.Index >= 40)
                {
                    onTheRoad.AddRange(Detect(reader.Frame).Where(o => o.Box.Bottom > 280).Select(o => (time.Index, o)));
                }
            }
        }

        var perFrame = onTheRoad.GroupBy(d => d.Frame).ToDictionary(g => g.Key, g => g.Select(d => d.Object).ToList());
        Assert.Equal(16, perFrame.Count);
        foreach (var (frame, objects) in perFrame)
        {
            var cyclist = Assert.Single(objects);
            Assert.True(cyclist.Class == ObjectClass.Cycle || cyclist.Kind == VehicleKind.Motorcycle, $"frame {frame}: {cyclist}");
        }

        Assert.True(perFrame.Values.Count(o => o[0].Class == ObjectClass.Cycle) >= 12, string.Join(" ", onTheRoad));

        // Frame 51, where it crosses the counting line of the clip's truth (y = 405): the box holds bicycle and rider,
        // from the helmet (y ≈ 258) to the front tyre (y ≈ 417).
        Assert.True(perFrame[51][0].Box.IoU(new Box(387, 258, 495, 417)) >= 0.9f, perFrame[51][0].ToString());
    }

    [Fact]
    public void The_small_cyclist_of_the_preview_clip_is_found_as_one_cycle_at_the_track_threshold()
    {
        // Looked at: frame 40 shows one person riding a white bicycle at the top right, and a car leaving at the left.
        // YOLOX-Nano finds this cyclist only at 640 and a 0.1 threshold; PicoDet 416 sees the bicycle (0.50) and the
        // rider (0.43), which become one cycle, bicycle and rider.
        using var frame = SampleFrames.Read("intel_person-bicycle-car-detection_preview.gif", 40);

        var objects = Detect(frame);

        Assert.Equal(2, objects.Count);
        var cycle = Assert.Single(objects, o => o.Class == ObjectClass.Cycle);
        Assert.Equal(0.501f, cycle.Score, 0.01f);
        Assert.True(cycle.Box.IoU(new Box(403, 17, 452, 66)) >= 0.9f, cycle.Box.ToString());
        var car = Assert.Single(objects, o => o.Class == ObjectClass.Vehicle);
        Assert.Equal(VehicleKind.Car, car.Kind);
        Assert.Equal(0.943f, car.Score, 0.01f);
    }

    [Fact]
    public void A_whole_frame_box_from_the_coarsest_level_is_dropped_and_the_cars_remain()
    {
        // Looked at: frame 200 of the overhead parking clip holds two cars, a silver one at the top left and a red one
        // entering at the bottom (which the model calls a truck, 0.33). The model also reports a "car" covering the whole
        // frame (0.24): an artefact, dropped.
        using var frame = SampleFrames.Read("intel_car-detection.mp4", 200);
        var transform = _detector.FillInput(frame);
        _detector.RunInference();
        var candidates = new List<Candidate>();
        _detector.DecodeCandidates(candidates);
        var objects = new List<DetectedObject>();
        _detector.Decode(transform, frame.Width, frame.Height, objects);

        var frameArea = frame.Width * frame.Height;
        Assert.Contains(candidates, c => transform.ToFrame(c.Box).ClampTo(frame.Width, frame.Height).Area > 0.95f * frameArea);
        Assert.All(objects, o => Assert.True(o.Box.Area <= FrameDetector.MaxFrameShare * frameArea, o.ToString()));
        Assert.Contains(objects, o => o.Kind == VehicleKind.Car && o.Score >= TrackStart && o.Box.IoU(new Box(113, 2, 259, 258)) >= 0.9f);
        Assert.Contains(objects, o => o.Class == ObjectClass.Vehicle && o.Box.IoU(new Box(316, 216, 499, 432)) >= 0.9f);
    }

    private List<DetectedObject> Detect(Mat frame)
    {
        var objects = new List<DetectedObject>();
        _detector.Detect(frame, objects);
        objects.RemoveAll(o => o.Score < TrackStart);
        return objects;
    }

    /// <summary>The model loaded once for the class, with a run's detector floor (0.1).</summary>
    public sealed class Model : IDisposable
    {
        private readonly DetectorSession _session =
            DetectorSession.Load(ModelManifest.Load(RepositoryPaths.ModelManifest), "picodet-s-416", new DetectorOptions { ScoreThreshold = 0.1f });

        public Model() => Detector = _session.CreateDetector();

        public FrameDetector Detector { get; }

        public void Dispose()
        {
            Detector.Dispose();
            _session.Dispose();
        }
    }
}

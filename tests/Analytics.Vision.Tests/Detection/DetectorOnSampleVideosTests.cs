using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Tests.Shared;
using Analytics.Vision.Detection;
using Analytics.Vision.Models;
using Analytics.Vision.Video;

namespace Analytics.Vision.Tests.Detection;

/// <summary>
/// The real YOLOX-Nano model on real frames of the sample videos. Expected boxes were checked by a person: the
/// frames were rendered with these boxes drawn and looked at (see each test). Tolerances: the same model and
/// runtime give these scores to ±0.01 across CPUs (ONNX Runtime picks AVX2 or AVX-512 kernels, which round
/// differently) and boxes to IoU ≥ 0.9 (a pixel or so on a 20-pixel-wide person).
/// </summary>
public sealed class DetectorOnSampleVideosTests : IClassFixture<DetectorOnSampleVideosTests.Models>
{
    private readonly Models _models;

    public DetectorOnSampleVideosTests(Models models) => _models = models;

    /// <summary>
    /// PETS 2009 frame 100: seven people on the plaza and two parked vehicles. Six people are found (0.72–0.82);
    /// the seventh stands half hidden behind the sign post at x≈265 and is missed. The white van is reported as
    /// a truck, the car cut by the right edge as a car. These are also the figures of ../shared/ASSETS.md.
    /// One false positive is expected and listed last: the small blue information post on the left lawn
    /// (~[19,68,30,88]) is taken for a person at 0.46; tracking and counting lines must live with such posts.
    /// </summary>
    public static TheoryData<ObjectClass, VehicleKind, float, float, float, float, float> Pets100 => new()
    {
        { ObjectClass.Pedestrian, VehicleKind.None, 0.817f, 366, 96, 388, 148 },
        { ObjectClass.Pedestrian, VehicleKind.None, 0.804f, 216, 122, 237, 172 },
        { ObjectClass.Vehicle, VehicleKind.Car, 0.802f, 457, 32, 479, 59 },
        { ObjectClass.Pedestrian, VehicleKind.None, 0.800f, 308, 92, 324, 138 },
        { ObjectClass.Pedestrian, VehicleKind.None, 0.791f, 234, 111, 255, 161 },
        { ObjectClass.Vehicle, VehicleKind.Truck, 0.740f, 407, 26, 453, 62 },
        { ObjectClass.Pedestrian, VehicleKind.None, 0.720f, 324, 96, 337, 138 },
        { ObjectClass.Pedestrian, VehicleKind.None, 0.718f, 139, 38, 149, 59 },
        { ObjectClass.Pedestrian, VehicleKind.None, 0.457f, 19, 68.5f, 30, 88 },
    };

    [Fact]
    public void Pets_frame_100_has_the_six_visible_people_two_parked_vehicles_and_the_known_blue_post()
    {
        using var frame = SampleFrames.Read("pets09_s2l1_vtest_480x360.mp4", 100);
        var objects = new List<DetectedObject>();

        _models.Nano416.Detect(frame, objects);

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

    [Fact]
    public void One_by_one_frame_300_has_one_person_walking_in()
    {
        // Looked at: a single person walking through the indoor scene, filling most of the frame height.
        using var frame = SampleFrames.Read("intel_one-by-one-person-detection.mp4", 300);
        var objects = new List<DetectedObject>();

        _models.Nano416.Detect(frame, objects);

        var person = Assert.Single(objects);
        Assert.Equal(ObjectClass.Pedestrian, person.Class);
        Assert.Equal(0.895f, person.Score, 0.01f);
        Assert.True(person.Box.IoU(new Box(381, 9, 543, 375)) >= 0.9f, person.Box.ToString());
    }

    [Fact]
    public void Traffic_frame_30_has_two_vehicles_on_the_road()
    {
        // Looked at: two cars on the multi-lane road; the 416 model scores them low (0.34-0.45) and calls the nearer one a truck.
        using var frame = SampleFrames.Read("opencv4nodejs_traffic.mp4", 30);
        var objects = new List<DetectedObject>();

        _models.Nano416.Detect(frame, objects);

        Assert.Equal(2, objects.Count);
        Assert.All(objects, o => Assert.Equal(ObjectClass.Vehicle, o.Class));
        Assert.Contains(objects, o => o.Box.IoU(new Box(142, 221, 290, 282)) >= 0.9f);
        Assert.Contains(objects, o => o.Box.IoU(new Box(231, 135, 377, 204)) >= 0.9f);
    }

    [Fact]
    public void The_cyclist_of_the_preview_clip_is_one_cycle_not_a_pedestrian()
    {
        // Looked at: frame 40 shows one person riding a white bicycle at the top right. The detector sees a person
        // box (~[423,21,445,55]) sitting on a bicycle box (~[405,36,451,65]); they must become a single cycle.
        // The cyclist is small and far: it needs the 640 model and a 0.1 threshold (ASSETS.md: not found at 0.25 with 416).
        using var frame = SampleFrames.Read("intel_person-bicycle-car-detection_preview.gif", 40);
        var detector = _models.Nano640LowThreshold;
        var raw = new List<DetectedObject>();
        var refined = new List<DetectedObject>();

        var transform = detector.FillInput(frame);
        detector.RunInference();
        detector.DecodeUnrefined(transform, frame.Width, frame.Height, raw);
        detector.Decode(transform, frame.Width, frame.Height, refined);

        var rider = Assert.Single(raw, o => o.Class == ObjectClass.Pedestrian && o.Box.CenterX > 400);
        var bicycle = Assert.Single(raw, o => o.Class == ObjectClass.Cycle);
        Assert.True(ObjectRefiner.IsRider(rider.Box, bicycle.Box));
        var cycle = Assert.Single(refined, o => o.Class == ObjectClass.Cycle);
        Assert.Equal(bicycle.Box.Union(rider.Box), cycle.Box);
        Assert.DoesNotContain(refined, o => o.Class == ObjectClass.Pedestrian && o.Box.IntersectionArea(cycle.Box) > 0);
        Assert.Contains(refined, o => o.Class == ObjectClass.Vehicle && o.Kind == VehicleKind.Car && o.Score > 0.9f); // the car leaving at the left
    }

    [Fact]
    public void Nothing_under_a_privacy_mask_is_detected()
    {
        // Mask the person at [366,96,388,148] of PETS frame 100 (a doorway, say): the other eight objects remain.
        var doorway = new Polygon([new Point2(360, 90), new Point2(395, 90), new Point2(395, 155), new Point2(360, 155)]);
        using var frame = SampleFrames.Read("pets09_s2l1_vtest_480x360.mp4", 100, (w, h) => new PrivacyMask([doorway], w, h));
        var objects = new List<DetectedObject>();

        _models.Nano416.Detect(frame, objects);

        Assert.Equal(Pets100.Count - 1, objects.Count);
        Assert.DoesNotContain(objects, o => o.Box.IntersectionArea(new Box(360, 90, 395, 155)) > 0.5f * o.Box.Area);
    }

    /// <summary>Models loaded once for the class: loading checks the SHA-256 and builds an ONNX Runtime session.</summary>
    public sealed class Models : IDisposable
    {
        private readonly DetectorSession _model416;
        private readonly DetectorSession _model640;

        public Models()
        {
            var manifest = ModelManifest.Load(RepositoryPaths.ModelManifest);
            _model416 = DetectorSession.Load(manifest, "yolox-nano-416", new DetectorOptions());
            _model640 = DetectorSession.Load(manifest, "yolox-nano-640", new DetectorOptions { ScoreThreshold = 0.1f });
            Nano416 = _model416.CreateDetector();
            Nano640LowThreshold = _model640.CreateDetector();
        }

        public FrameDetector Nano416 { get; }

        public FrameDetector Nano640LowThreshold { get; }

        public void Dispose()
        {
            Nano416.Dispose();
            Nano640LowThreshold.Dispose();
            _model416.Dispose();
            _model640.Dispose();
        }
    }
}

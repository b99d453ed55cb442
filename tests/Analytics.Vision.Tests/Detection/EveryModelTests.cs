using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Tests.Shared;
using Analytics.Vision.Detection;
using Analytics.Vision.Models;

namespace Analytics.Vision.Tests.Detection;

/// <summary>
/// What the Detection stage guarantees whatever the model and its output layout: every allow-listed model, run as a
/// run runs it (0.1 floor), on PETS frame 100, where the parked white van draws both a car and a truck box
/// (YOLOX-Nano 416: truck 0.74 and car 0.63 on the same van).
/// </summary>
public sealed class EveryModelTests
{
    public static TheoryData<string> AllowListedModels => new(ModelManifest.Load(RepositoryPaths.ModelManifest).Models.Select(m => m.Id));

    [Theory]
    [MemberData(nameof(AllowListedModels))]
    public void No_object_is_reported_twice_and_none_covers_most_of_the_frame(string model)
    {
        using var session = DetectorSession.Load(ModelManifest.Load(RepositoryPaths.ModelManifest), model, new DetectorOptions { ScoreThreshold = 0.1f });
        using var detector = session.CreateDetector();
        using var frame = SampleFrames.Read("pets09_s2l1_vtest_480x360.mp4", 100);
        var objects = new List<DetectedObject>();

        detector.Detect(frame, objects);

        for (var i = 0; i < objects.Count; i++)
        {
            Assert.True(objects[i].Box.Area <= FrameDetector.MaxFrameShare * frame.Width * frame.Height, objects[i].ToString());
            for (var j = i + 1; j < objects.Count; j++)
            {
                Assert.False(ObjectRefiner.IsDuplicate(objects[i], objects[j]), $"{objects[i]} and {objects[j]}");
            }
        }

        var van = new Box(407, 26, 453, 62);
        Assert.Single(objects, o => o.Class == ObjectClass.Vehicle && o.Box.IoU(van) >= 0.5f);
    }
}

using Analytics.Core.Geometry;
using Analytics.Runs.Jobs;
using Analytics.Runs.State;
using Analytics.Runs.Tests.Support;
using MessagePack;
using MessagePack.Resolvers;

namespace Analytics.Runs.Tests.State;

/// <summary>
/// The analysis key: everything that decides what a camera's footage yields, so that a state never mixes results of
/// different analyses, and the words that tell an operator what changed.
/// </summary>
public sealed class AnalysisKeyTests
{
    private const string RealModel = "695e750a5d5754bb5a8d5325643b59282191a7e7a564e435a415fd3c578eab14";

    private static readonly AnalysisOptions Defaults = new();

    private static readonly CameraJob Room = TestJobs.Room([], zone: TestJobs.TableZone());

    private static AnalysisKey Key(CameraJob? camera = null, string model = ScriptedDetectorPool.FakeSha256, AnalysisOptions? analysis = null) =>
        AnalysisKey.For(camera ?? Room, model, analysis ?? Defaults);

    [Fact]
    public void A_key_names_the_camera_model_settings_and_geometry_in_words()
    {
        var key = Key();

        Assert.Equal((AnalysisKey.CurrentAnalysisVersion, "room", ScriptedDetectorPool.FakeSha256), (key.AnalysisVersion, key.CameraId, key.ModelSha256));
        Assert.Equal((10.0, 0.35f, 10.0), (key.AnalysisFps, key.Threshold, key.CheckpointMinutes));
        Assert.Equal("exit (80,120)-(80,30) leaving/arriving h3", key.Lines);
        Assert.Equal("table (40,40) (120,40) (120,120) (40,120)", key.Zones);
        Assert.Equal("", key.PrivacyMasks);
        Assert.Matches("^[0-9a-f]{16}$", key.Id);
    }

    [Fact]
    public void The_same_analysis_has_the_same_key_whatever_the_bins_time_zone_or_inputs()
    {
        var other = Room with { TimeZone = TimeZoneInfo.Utc, Inputs = [new JobInput("room", "/x.mp4", DateTimeOffset.UnixEpoch, "cameras[0].inputs[0]")] };

        Assert.Equal(Key(), Key(other));
        Assert.Equal(Key().Id, Key(other).Id);
        Assert.Empty(Key(other).DifferencesFrom(Key()));
    }

    public static TheoryData<string, AnalysisKey, string[]> Changes => new()
    {
        { "threshold", Key(analysis: Defaults with { Threshold = 0.5f }), ["threshold 0.35 -> 0.5"] },
        { "analysis rate", Key(analysis: Defaults with { AnalysisFps = 5 }), ["analysis rate 10 -> 5 fps"] },
        { "checkpoint windows", Key(analysis: Defaults with { CheckpointMinutes = 2.5 }), ["checkpoint windows 10 -> 2.5 min"] },
        { "model", Key(model: RealModel), ["model 5c1b7ed0de7e -> 695e750a5d57"] },
        { "line moved", Key(Room with { Lines = [TestJobs.ExitLine(60)] }), ["lines [exit (80,120)-(80,30) leaving/arriving h3] -> [exit (60,120)-(60,30) leaving/arriving h3]"] },
        { "line renamed", Key(Room with { Lines = [TestJobs.ExitLine() with { ForwardName = "out" }] }), ["lines [exit (80,120)-(80,30) leaving/arriving h3] -> [exit (80,120)-(80,30) out/arriving h3]"] },
        { "hysteresis", Key(Room with { Lines = [TestJobs.ExitLine() with { Hysteresis = 5 }] }), ["lines [exit (80,120)-(80,30) leaving/arriving h3] -> [exit (80,120)-(80,30) leaving/arriving h5]"] },
        { "zone", Key(Room with { Zones = [TestJobs.TableZone(right: 100)] }), ["zones [table (40,40) (120,40) (120,120) (40,120)] -> [table (40,40) (100,40) (100,120) (40,120)]"] },
        { "privacy mask", Key(Room with { PrivacyMasks = [new Polygon([new Point2(0, 0), new Point2(20, 0), new Point2(20, 20)])] }), ["privacy masks"] },
        { "threshold and line", Key(Room with { Lines = [TestJobs.ExitLine(60)] }, analysis: Defaults with { Threshold = 0.5f }),
            ["threshold 0.35 -> 0.5", "lines [exit (80,120)-(80,30) leaving/arriving h3] -> [exit (60,120)-(60,30) leaving/arriving h3]"] },
        { "analysis version", Key() with { AnalysisVersion = AnalysisKey.CurrentAnalysisVersion + 1 }, [$"analysis version {AnalysisKey.CurrentAnalysisVersion} -> {AnalysisKey.CurrentAnalysisVersion + 1}"] },
        { "motion gate off", Key(analysis: Defaults with { MotionGate = MotionGateMode.Off }), [$"motion gate {AnalysisKey.GateOn} -> off"] },
        { "motion gate rules", Key() with { MotionGate = "on" }, [$"motion gate {AnalysisKey.GateOn} -> on"] },
    };

    [Fact]
    public void The_motion_gate_is_part_of_the_key_and_an_analysis_without_it_keeps_the_id_it_had_before_the_gate_existed()
    {
        var on = Key();
        var off = Key(analysis: Defaults with { MotionGate = MotionGateMode.Off });

        Assert.Equal((AnalysisKey.GateOn, AnalysisKey.GateOff), (on.MotionGate, off.MotionGate));
        // The id's text has no gate in it when the gate is off: the same key as before the gate existed (pinned at the
        // analysis version of that time, 3).
        Assert.Equal("7a624c53da03d74d", (off with { AnalysisVersion = 3 }).Id);
        Assert.Equal([$"motion gate off -> {AnalysisKey.GateOn}"], on.DifferencesFrom(off));
    }

    [Fact]
    public void A_key_written_before_the_gate_existed_reads_as_an_analysis_without_it()
    {
        var off = Key(analysis: Defaults with { MotionGate = MotionGateMode.Off }) with { Purpose = new string('b', 64) };
        var options = MessagePackSerializerOptions.Standard.WithResolver(StandardResolver.Instance).WithSecurity(MessagePackSecurity.UntrustedData);

        // The key as the previous version wrote it: fields 0 to 9, no motion gate.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(10);
        writer.Write(off.AnalysisVersion);
        writer.Write(off.CameraId);
        writer.Write(off.ModelSha256);
        writer.Write(off.AnalysisFps);
        writer.Write(off.Threshold);
        writer.Write(off.CheckpointMinutes);
        writer.Write(off.Lines);
        writer.Write(off.Zones);
        writer.Write(off.PrivacyMasks);
        writer.Write(off.Purpose);
        writer.Flush();

        var read = MessagePackSerializer.Deserialize<AnalysisKey>(buffer.WrittenMemory, options);

        Assert.Equal(AnalysisKey.GateOff, read.MotionGate);
        Assert.Equal(off, read);
        Assert.Equal(off.Id, read.Id);
        Assert.Equal([$"motion gate off -> {AnalysisKey.GateOn}"], Key().DifferencesFrom(read));
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void Each_change_gets_another_key_and_is_named_in_the_operator_s_words(string change, AnalysisKey changed, string[] words)
    {
        var older = Key();

        Assert.NotEqual(older.Id, changed.Id);
        Assert.True(words.SequenceEqual(changed.DifferencesFrom(older)), $"{change}: {string.Join("; ", changed.DifferencesFrom(older))}");
    }
}

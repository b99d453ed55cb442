using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Vision.Detection;
using Analytics.Vision.Models;
using Analytics.Vision.Video;

namespace Analytics.CountingAccuracy;

/// <summary>One analysed frame: its index in the file, its time, and what the detector reported.</summary>
internal sealed record CachedFrame(long Index, DateTimeOffset Time, DetectedObject[] Objects);

/// <summary>
/// The detector's output for a clip at an analysis rate, computed once with the product's own reader and detector
/// and kept in a temporary file: tracking and counting experiments then take seconds. What is kept is the model's
/// output after class-wise NMS and taxonomy, down to <see cref="RawFloor"/>, <i>before</i> riders and duplicates are
/// merged (<see cref="Prepare"/> does that at the floor asked for), so that the merging rules can be compared too.
/// Keeping the boxes down to a lower floor changes nothing above it: a box survives class-wise NMS only against
/// higher-scored boxes, which are kept either way.
/// </summary>
internal static class DetectionCache
{
    public static readonly DateTimeOffset RecordingStart = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(1));

    /// <summary>Lowest score kept in the cache.</summary>
    public const float RawFloor = 0.05f;

    private const int FormatVersion = 2;

    public static string Folder { get; set; } = Path.Combine(Path.GetTempPath(), "analytics-counting-accuracy");

    /// <summary>The raw detections of <paramref name="video"/> at <paramref name="fps"/> with <paramref name="modelId"/> (null: the default).</summary>
    public static IReadOnlyList<CachedFrame> Load(string video, double fps, string? modelId, long maxFrames = long.MaxValue)
    {
        var manifest = ModelManifest.Load(Tests.Shared.RepositoryPaths.ModelManifest);
        var id = modelId ?? manifest.Default.Id;
        var file = Path.Combine(Folder, FormattableString.Invariant($"{Path.GetFileNameWithoutExtension(video)}-{fps:0.##}fps-{id}-raw{RawFloor:0.###}-{maxFrames}.bin"));
        if (File.Exists(file))
        {
            return Read(file);
        }

        Directory.CreateDirectory(Folder);
        Console.Error.WriteLine($"detecting {Path.GetFileName(video)} at {fps} fps with {id} (cached in {file})");
        using var pool = DetectorPool.Load(manifest, id, new DetectorOptions { ScoreThreshold = RawFloor, IntraOpThreads = 1 }, 1);
        var detector = (FrameDetector)pool.ShareOut(1)[0][0];
        try
        {
            var frames = new List<CachedFrame>();
            using var reader = VideoReader.Open(video, RecordingStart, fps);
            using var frame = new VideoFrame();
            var objects = new List<DetectedObject>();
            while (reader.Read(frame) && frame.Time.Index < maxFrames)
            {
                var transform = detector.FillInput(frame);
                detector.RunInference();
                detector.DecodeUnrefined(transform, frame.Pixels.Width, frame.Pixels.Height, objects);
                frames.Add(new CachedFrame(frame.Time.Index, frame.Time.Timestamp, [.. objects]));
            }

            Write(file, frames);
            return frames;
        }
        finally
        {
            detector.Dispose();
        }
    }

    /// <summary>
    /// The frames as the pipeline's detector reports them at <paramref name="floor"/>: boxes below it dropped, then
    /// riders and duplicates merged by <paramref name="refine"/> (the product's <see cref="ObjectRefiner"/> by default).
    /// </summary>
    public static IReadOnlyList<CachedFrame> Prepare(IReadOnlyList<CachedFrame> raw, float floor, Action<List<DetectedObject>>? refine = null)
    {
        var refiner = new ObjectRefiner();
        refine ??= refiner.Refine;
        var result = new List<CachedFrame>(raw.Count);
        var objects = new List<DetectedObject>();
        foreach (var frame in raw)
        {
            objects.Clear();
            objects.AddRange(frame.Objects.Where(o => o.Score >= floor));
            refine(objects);
            result.Add(frame with { Objects = [.. objects] });
        }

        return result;
    }

    private static void Write(string file, List<CachedFrame> frames)
    {
        var temporary = file + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(FormatVersion);
            writer.Write(frames.Count);
            foreach (var frame in frames)
            {
                writer.Write(frame.Index);
                writer.Write(frame.Time.UtcTicks);
                writer.Write(frame.Objects.Length);
                foreach (var o in frame.Objects)
                {
                    writer.Write(o.Box.Left);
                    writer.Write(o.Box.Top);
                    writer.Write(o.Box.Right);
                    writer.Write(o.Box.Bottom);
                    writer.Write(o.Score);
                    writer.Write((byte)o.Class);
                    writer.Write((byte)o.Kind);
                }
            }
        }

        File.Move(temporary, file, overwrite: true);
    }

    private static List<CachedFrame> Read(string file)
    {
        using var reader = new BinaryReader(File.OpenRead(file));
        if (reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException($"{file}: another cache format; delete it");
        }

        var frames = new List<CachedFrame>(reader.ReadInt32());
        for (var i = frames.Capacity; i > 0; i--)
        {
            var index = reader.ReadInt64();
            var time = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero).ToOffset(RecordingStart.Offset);
            var objects = new DetectedObject[reader.ReadInt32()];
            for (var o = 0; o < objects.Length; o++)
            {
                var box = new Box(reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle());
                objects[o] = new DetectedObject(box, reader.ReadSingle(), (ObjectClass)reader.ReadByte(), (VehicleKind)reader.ReadByte());
            }

            frames.Add(new CachedFrame(index, time, objects));
        }

        return frames;
    }
}

using System.Globalization;
using Analytics.Core.Objects;
using Analytics.Runs.Jobs;

namespace Analytics.Runs.Validation;

/// <summary>
/// Truth counts from annotated tracks: the crossings of the job's lines (<see cref="TrackCrossings"/>), timed on
/// the recording's own frame clock from the job input's start and binned with the job's bins. The truth covers the
/// bins from its first annotated frame to its last. A tracks file is one recording of one camera.
/// </summary>
public static class TrackTruth
{
    /// <summary>How far past the frame's edges an anchor may lie (a share of the frame size), for people half out of view.</summary>
    private const float EdgeMargin = 0.1f;

    /// <param name="job">The job whose lines and bins the truth is counted with.</param>
    /// <param name="boxes">The annotated boxes (<see cref="MotTracksFile"/>).</param>
    /// <param name="options">Which camera, which frame offset, which default class.</param>
    /// <param name="source">The tracks file, for messages.</param>
    /// <param name="clock">Times the frames of a recording (path, start, last frame index needed): <see cref="FrameClock.Read"/>.</param>
    public static TruthCounts From(Job job, IReadOnlyList<AnnotatedBox> boxes, TrackTruthOptions options, string source, Func<string, DateTimeOffset, int, FrameClock> clock)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(boxes);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var camera = CameraOf(job, options.CameraId, source);
        if (camera.Inputs.Count != 1)
        {
            throw new TruthException($"{source}: camera '{camera.Id}' has {camera.Inputs.Count} inputs in the job; a tracks file is the truth of one recording, so the camera must have exactly one");
        }

        if (camera.Lines.Count == 0)
        {
            throw new TruthException($"{source}: camera '{camera.Id}' has no line in the job: there is nothing to count crossings of");
        }

        var input = camera.Inputs[0];
        var first = boxes.MinBy(b => b.Frame);
        var last = boxes.MaxBy(b => b.Frame);
        int IndexOf(AnnotatedBox box) => box.Frame - 1 + options.FrameOffset;
        if (IndexOf(first) < 0)
        {
            throw new TruthException($"{source} line {first.LineNumber}: truth frame {first.Frame} maps to video frame index {IndexOf(first)}, before the first frame: the frame offset ({options.FrameOffset}) is too small");
        }

        var frames = clock(input.Path, input.Start, IndexOf(last));
        if (IndexOf(last) >= frames.FrameCount)
        {
            throw new TruthException($"{source} line {last.LineNumber}: truth frame {last.Frame} maps to video frame index {IndexOf(last)}, but {Path.GetFileName(input.Path)} has only {frames.FrameCount} frames: check the frame offset ({options.FrameOffset}) and that the tracks are of this recording");
        }

        CheckInsideFrame(boxes, frames, source, input.Path);

        var binning = camera.Binned(job.BinMinutes).Binning;
        DateTimeOffset TimeOf(int frame) => frames.TimeOf(frame - 1 + options.FrameOffset);
        var counts = new List<BinnedCount>();
        foreach (var crossing in TrackCrossings.Derive(boxes, camera.Lines))
        {
            var from = TimeOf(crossing.FromFrame);
            var time = from + ((TimeOf(crossing.ToFrame) - from) * crossing.Along);
            var line = camera.Lines[crossing.Line];
            var key = new CountKey(camera.Id, line.Id, line.NameOf(crossing.Direction), TruthClasses.ClassName(crossing.Class), TruthClasses.VehicleType(crossing.Class));
            counts.Add(new BinnedCount(key, binning.BinOf(time), 1));
        }

        var summed = counts.GroupBy(c => (c.Key, c.Bin)).Select(g => new BinnedCount(g.Key.Key, g.Key.Bin, g.Sum(c => c.Count))).ToList();
        var (start, end) = (TimeOf(first.Frame), TimeOf(last.Frame));
        var covered = binning.BinsOverlapping(start, end + TimeSpan.FromTicks(1)).Select(b => new CameraBin(camera.Id, b)).ToList();
        var notes = new List<string>();
        // A frame stands for the time until the next one: the last annotated frame covers one frame period.
        var period = frames.FrameCount > 1 ? frames.TimeOf(1) - frames.TimeOf(0) : TimeSpan.Zero;
        foreach (var bin in covered.Select(c => c.Bin))
        {
            var footageBefore = bin.Start < start && frames.Start < start;
            var footageAfter = bin.End > end + period && (frames.AnnouncedEnd is not { } videoEnd || videoEnd > end + (period * 1.5));
            if (footageBefore || footageAfter)
            {
                notes.Add($"The bin {CountsFile.Time(bin.Start)} to {CountsFile.Time(bin.End)} is only partly annotated (truth frames {first.Frame} to {last.Frame}, {Clock(start)} to {Clock(end)}) " +
                    "while the recording goes on beyond them: the tool's count in that bin includes footage the truth does not cover.");
            }
        }

        var ignored = boxes.Count(b => !b.Consider);
        if (ignored > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{ignored} annotated box(es) marked consider = 0 were left out (a track's step spans them)."));
        }

        var together = summed.Any(c => c.Key.Class == ObjectClassNames.Of(ObjectClass.Vehicle) && c.Key.VehicleType.Length == 0)
            || (options.DefaultClass.Class == ObjectClass.Vehicle && options.DefaultClass.Kind == VehicleKind.None);
        return new TruthCounts(source, "tracks", summed, covered) { Notes = notes, AllVehiclesTogether = together };
    }

    private static CameraJob CameraOf(Job job, string? cameraId, string source)
    {
        if (cameraId is not null)
        {
            return job.Cameras.FirstOrDefault(c => c.Id == cameraId)
                ?? throw new TruthException($"{source}: camera '{cameraId}' is not in the job (its cameras: {string.Join(", ", job.Cameras.Select(c => c.Id))})");
        }

        return job.Cameras.Count == 1
            ? job.Cameras[0]
            : throw new TruthException($"{source}: the job has {job.Cameras.Count} cameras ({string.Join(", ", job.Cameras.Select(c => c.Id))}); name the one the tracks were annotated on");
    }

    private static void CheckInsideFrame(IReadOnlyList<AnnotatedBox> boxes, FrameClock frames, string source, string video)
    {
        var (width, height) = ((float)frames.Width, (float)frames.Height);
        var outside = boxes.Where(b =>
                b.Box.Right <= 0 || b.Box.Bottom <= 0 || b.Box.Left >= width || b.Box.Top >= height
                || b.Box.Anchor.X < -EdgeMargin * width || b.Box.Anchor.X > (1 + EdgeMargin) * width
                || b.Box.Anchor.Y < -EdgeMargin * height || b.Box.Anchor.Y > (1 + EdgeMargin) * height)
            .ToList();
        if (outside.Count > 0)
        {
            var example = outside[0];
            throw new TruthException(string.Create(CultureInfo.InvariantCulture,
                $"{source} line {example.LineNumber}: the box {example.Box} lies outside the {frames.Width}x{frames.Height} frame of {Path.GetFileName(video)} ({outside.Count} box(es) do): the tracks were annotated on another frame size or another video"));
        }
    }

    private static string Clock(DateTimeOffset time) => time.ToString("HH:mm:ss.f", CultureInfo.InvariantCulture);
}

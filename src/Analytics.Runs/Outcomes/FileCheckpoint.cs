using Analytics.Core.Aggregation;

namespace Analytics.Runs.Outcomes;

/// <summary>
/// What is done of one file: the checkpoint windows counted so far (from the file's start), what they contributed,
/// and the frames analysed in them. Immutable: each window done gives a new checkpoint.
/// </summary>
internal sealed record FileCheckpoint(int WindowsDone, FileContribution Contribution, long FramesAnalysed)
{
    public static FileCheckpoint Start(string cameraId) => new(0, new FileContribution(cameraId), 0);

    /// <summary>This checkpoint with the next window added.</summary>
    public FileCheckpoint Plus((FileContribution Contribution, long Frames) window)
    {
        var merged = new FileContribution(Contribution.CameraId);
        merged.Add(Contribution);
        merged.Add(window.Contribution);
        return new FileCheckpoint(WindowsDone + 1, merged, FramesAnalysed + window.Frames);
    }
}

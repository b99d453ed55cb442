using Analytics.Vision.Models;

namespace Analytics.Vision.Detection;

/// <summary>
/// The ONNX Runtime sessions of a run. The model file is read and checked against the allow-list once, then built
/// into independent sessions: on a CPU one single-threaded session per core, detecting whole frames side by side,
/// beats one session splitting each frame across cores (measured by <c>bench</c>); on a GPU, one session.
/// </summary>
public sealed class DetectorPool : IDetectorPool
{
    private readonly List<DetectorSession> _sessions;

    private DetectorPool(List<DetectorSession> sessions, ModelManifest manifest)
    {
        _sessions = sessions;
        var first = sessions[0];
        Model = new DetectorDescription(first.Entry.Id, first.Entry.File, first.Sha256, first.Entry.InputSize, first.Entry.OutputLayout.ToString(),
            first.ProviderName, first.Entry.Licence, first.Options.NmsIoUThreshold)
        {
            ManifestPath = manifest.Path,
            ManifestSha256 = manifest.Sha256,
        };
    }

    public DetectorDescription Model { get; }

    public int Sessions => _sessions.Count;

    /// <summary>
    /// Loads <paramref name="modelIdOrFile"/> (default: the manifest's default) for a run of <paramref name="workers"/>
    /// files side by side: one single-threaded session per core (at least one per worker) on a CPU, one session on a GPU.
    /// </summary>
    public static DetectorPool ForRun(ModelManifest manifest, string? modelIdOrFile, float scoreThreshold, ExecutionProvider provider, int workers)
    {
        var cpu = provider == ExecutionProvider.Cpu;
        var count = cpu ? Math.Max(workers, Environment.ProcessorCount) : 1;
        var options = new DetectorOptions { ScoreThreshold = scoreThreshold, Provider = provider, IntraOpThreads = cpu ? 1 : 0 };
        return Load(manifest, modelIdOrFile, options, count);
    }

    /// <summary>Loads <paramref name="count"/> sessions with explicit options (for measurements).</summary>
    public static DetectorPool Load(ModelManifest manifest, string? modelIdOrFile, DetectorOptions options, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var model = VerifiedModel.Load(manifest, modelIdOrFile);
        var sessions = new List<DetectorSession>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                sessions.Add(DetectorSession.Create(model, options));
            }

            return new DetectorPool(sessions, manifest);
        }
        catch
        {
            sessions.ForEach(s => s.Dispose());
            throw;
        }
    }

    public IReadOnlyList<IReadOnlyList<IFrameDetector>> ShareOut(int workers)
    {
        var groups = Math.Clamp(workers, 1, _sessions.Count);
        return Enumerable.Range(0, groups)
            .Select(g => (IReadOnlyList<IFrameDetector>)_sessions.Where((_, i) => i % groups == g).Select(s => (IFrameDetector)s.CreateDetector()).ToList())
            .ToList();
    }

    public void Dispose() => _sessions.ForEach(s => s.Dispose());
}

using Analytics.Runs.Jobs;
using Analytics.Vision.Detection;
using Analytics.Vision.Models;

namespace Analytics.Runs;

/// <summary>
/// The detectors of a run: the run's model (<c>--model</c>, or the allow-list's default), and the model of each
/// camera that names another one in the job (<see cref="CameraJob.Model"/>). Each model is loaded once, however many
/// cameras use it; a camera whose model turns out to be the run's (same bytes) shares the run's sessions.
/// </summary>
internal sealed class RunDetectors : IDisposable
{
    private readonly Dictionary<string, IDetectorPool> _byCamera;

    private RunDetectors(IDetectorPool run, List<IDetectorPool> pools, Dictionary<string, IDetectorPool> byCamera)
    {
        Run = run;
        Pools = pools;
        _byCamera = byCamera;
        CameraModels = byCamera.Where(p => p.Value != run).ToDictionary(p => p.Key, p => p.Value.Model, StringComparer.Ordinal);
    }

    /// <summary>The run's model: every camera that names none is analysed with it.</summary>
    public IDetectorPool Run { get; }

    /// <summary>Every model loaded, the run's first, each once.</summary>
    public IReadOnlyList<IDetectorPool> Pools { get; }

    /// <summary>The cameras analysed with another model than the run's, by id, with their model.</summary>
    public IReadOnlyDictionary<string, DetectorDescription> CameraModels { get; }

    /// <summary>The detectors of <paramref name="camera"/>.</summary>
    public IDetectorPool For(CameraJob camera) => _byCamera.GetValueOrDefault(camera.Id, Run);

    /// <summary>The model <paramref name="camera"/> is analysed with.</summary>
    public DetectorDescription ModelOf(CameraJob camera) => For(camera).Model;

    /// <summary>
    /// Loads the run's model with <paramref name="load"/> (given the run's model id), then each model a camera names
    /// (unless <paramref name="oneModel"/>: every camera then takes the run's).
    /// A camera's model that the allow-list does not hold is a problem of the job (<see cref="JobException"/>, with the
    /// camera's JSON path); one the allow-list holds but that is not installed or does not verify throws
    /// <see cref="ModelManifestException"/> as the run's own would.
    /// </summary>
    public static RunDetectors Load(Job job, string? runModel, Func<string?, IDetectorPool> load, bool oneModel = false)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(load);
        var run = load(runModel);
        var pools = new List<IDetectorPool> { run };
        var byName = new Dictionary<string, IDetectorPool>(StringComparer.Ordinal) { [run.Model.Id] = run };
        var byCamera = new Dictionary<string, IDetectorPool>(StringComparer.Ordinal);
        try
        {
            foreach (var camera in job.Cameras.Where(c => c.Model is not null && !oneModel))
            {
                if (!byName.TryGetValue(camera.Model!, out var pool))
                {
                    try
                    {
                        pool = load(camera.Model);
                    }
                    catch (ModelManifestException e) when (e.NotListed)
                    {
                        throw new JobException([$"{camera.JsonPath}.model: {e.Message}"]);
                    }

                    if (pools.Find(p => p.Model.Sha256 == pool.Model.Sha256) is { } same)
                    {
                        pool.Dispose(); // the same model under another name (its file, say): its sessions are already there
                        pool = same;
                    }
                    else
                    {
                        pools.Add(pool);
                    }

                    byName[camera.Model!] = pool;
                }

                byCamera[camera.Id] = pool;
            }
        }
        catch
        {
            pools.ForEach(p => p.Dispose());
            throw;
        }

        return new RunDetectors(run, pools, byCamera);
    }

    public void Dispose()
    {
        foreach (var pool in Pools)
        {
            pool.Dispose();
        }
    }
}

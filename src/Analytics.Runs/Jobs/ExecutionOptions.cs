using System.Globalization;
using Analytics.Vision.Detection;

namespace Analytics.Runs.Jobs;

/// <summary>How a run is carried out: none of it changes the statistics (see <see cref="AnalysisOptions"/> for what does).</summary>
public sealed record ExecutionOptions
{
    /// <summary>
    /// Files analysed side by side; each has its own decode and tracking threads and shares the run's inference sessions
    /// with the others, frame by frame. One unless set: a front end offers <see cref="DefaultWorkers"/> (the command
    /// line does), so that what code builds does not depend on the machine.
    /// </summary>
    public int Workers { get; init; } = 1;

    public ExecutionProvider Provider { get; init; } = ExecutionProvider.Cpu;

    /// <summary>An input modified less than this many seconds ago may still be being written: it is refused.</summary>
    public double SettleSeconds { get; init; } = 60;

    /// <summary>The nightly state folder, or null for a run that analyses every input.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>
    /// Files analysed side by side by default on <paramref name="cores"/> cores: one per core. One file's decoding runs
    /// on one thread, and with the motion gate skipping most inferences of a quiet archive that thread bounds the file's
    /// speed: files side by side keep every core busy. Without the gate, inference fills the cores either way (the
    /// single-threaded sessions, one per core, take whole frames from whichever file has one ready).
    /// </summary>
    public static int DefaultWorkers(int cores) => Math.Clamp(cores, 1, MaxWorkers);

    /// <summary>Most files analysed side by side.</summary>
    public const int MaxWorkers = 64;

    public IEnumerable<SettingProblem> Validate()
    {
        if (Workers is < 1 or > MaxWorkers)
        {
            yield return new(nameof(Workers), string.Create(CultureInfo.InvariantCulture, $"{Workers} is not between 1 and {MaxWorkers}"));
        }

        if (SettleSeconds is < 0 or > 86_400 || double.IsNaN(SettleSeconds))
        {
            yield return new(nameof(SettleSeconds), string.Create(CultureInfo.InvariantCulture, $"{SettleSeconds} is not between 0 and 86400"));
        }
    }
}

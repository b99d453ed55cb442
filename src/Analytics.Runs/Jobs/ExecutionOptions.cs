using System.Globalization;
using Analytics.Vision.Detection;

namespace Analytics.Runs.Jobs;

/// <summary>How a run is carried out: none of it changes the statistics (see <see cref="AnalysisOptions"/> for what does).</summary>
public sealed record ExecutionOptions
{
    /// <summary>Files analysed side by side; each has its own decode, inference and tracking threads.</summary>
    public int Workers { get; init; } = 1;

    public ExecutionProvider Provider { get; init; } = ExecutionProvider.Cpu;

    /// <summary>An input modified less than this many seconds ago may still be being written: it is refused.</summary>
    public double SettleSeconds { get; init; } = 60;

    /// <summary>The nightly state folder, or null for a run that analyses every input.</summary>
    public string? StateDirectory { get; init; }

    public IEnumerable<SettingProblem> Validate()
    {
        if (Workers is < 1 or > 64)
        {
            yield return new(nameof(Workers), string.Create(CultureInfo.InvariantCulture, $"{Workers} is not between 1 and 64"));
        }

        if (SettleSeconds is < 0 or > 86_400 || double.IsNaN(SettleSeconds))
        {
            yield return new(nameof(SettleSeconds), string.Create(CultureInfo.InvariantCulture, $"{SettleSeconds} is not between 0 and 86400"));
        }
    }
}

namespace Analytics.Runs.Validation;

/// <summary>
/// The truth, as counts per key and bin, and what it covers: only the tool's counts in <see cref="CoveredBins"/> are
/// compared with it; a key the truth does not list in a covered bin is a truth of 0, except the cells in
/// <see cref="NotCounted"/> (left blank by the person counting), which are not compared at all.
/// </summary>
public sealed record TruthCounts(string Source, string Format, IReadOnlyList<BinnedCount> Counts, IReadOnlyList<CameraBin> CoveredBins)
{
    /// <summary>Cells (key, bin start) the truth leaves out of the comparison.</summary>
    public IReadOnlySet<(CountKey Key, DateTimeOffset BinStart)> NotCounted { get; init; } = new HashSet<(CountKey, DateTimeOffset)>();

    /// <summary>True when the truth counts vehicles without their type: the tool's vehicle types are added up before comparing.</summary>
    public bool AllVehiclesTogether { get; init; }

    /// <summary>What the reader noticed (partly covered bins, ignored rows), one sentence each.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

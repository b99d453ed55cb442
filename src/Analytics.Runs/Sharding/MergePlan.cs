using Analytics.Runs.Outcomes;

namespace Analytics.Runs.Sharding;

/// <summary>
/// What the shards' states give for the job: an outcome per input as one run over the whole job would have it
/// (<see cref="Files"/>), the inputs no state covers (<see cref="Missing"/>, one sentence each), and the inputs that
/// appeared after their shard listed the job (<see cref="Late"/>: the next run's).
/// </summary>
internal sealed record MergePlan(IReadOnlyList<FileOutcome> Files, IReadOnlyList<string> Missing, IReadOnlyList<string> Late);

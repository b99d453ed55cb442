using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Core.Geometry;

namespace Analytics.Runs.Jobs;

/// <summary>The job file is invalid; one message per problem, each starting with its JSON path.</summary>
public sealed class JobException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

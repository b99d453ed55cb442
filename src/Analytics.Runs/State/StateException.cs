using Analytics.Runs.Jobs;

namespace Analytics.Runs.State;

/// <summary>The state folder cannot serve this job (another purpose, changed analysis) or is damaged; one message per problem.</summary>
public sealed class StateException(IReadOnlyList<string> problems, StateProblem problem) : ProblemListException(problems)
{
    public StateException(string problem, StateProblem kind)
        : this([problem], kind)
    {
    }

    /// <summary>Which remedy the problems call for.</summary>
    public StateProblem Problem { get; } = problem;
}

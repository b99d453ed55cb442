namespace Analytics.Runs.Jobs;

/// <summary>
/// Something a run cannot start with, said as every problem found rather than the first: one sentence each,
/// starting with where the problem is (a JSON path of the job, a file of the state).
/// </summary>
public abstract class ProblemListException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

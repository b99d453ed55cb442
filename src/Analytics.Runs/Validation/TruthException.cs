using Analytics.Runs.Jobs;

namespace Analytics.Runs.Validation;

/// <summary>
/// The truth (or the counts it is compared with) cannot be used: it is empty or malformed, or it does not fit the
/// job. One sentence per problem, starting with the file and line it is about.
/// </summary>
public sealed class TruthException(IReadOnlyList<string> problems) : ProblemListException(problems)
{
    public TruthException(string problem)
        : this([problem])
    {
    }
}

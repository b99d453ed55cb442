namespace Analytics.Runs.Jobs;

/// <summary>The job file is invalid, or does not fit its videos; one message per problem, each starting with its JSON path.</summary>
public sealed class JobException(IReadOnlyList<string> problems) : ProblemListException(problems);

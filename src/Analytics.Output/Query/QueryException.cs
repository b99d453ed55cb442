namespace Analytics.Output.Query;

/// <summary>A query that did not run, with one sentence for the user and the kind of failure.</summary>
public sealed class QueryException(QueryFailure failure, string message) : Exception(message)
{
    public QueryFailure Failure { get; } = failure;
}

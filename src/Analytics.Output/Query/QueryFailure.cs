namespace Analytics.Output.Query;

/// <summary>Why a query over a results folder did not run; each has its own exit code in the command line.</summary>
public enum QueryFailure
{
    /// <summary>The SQL is not valid (syntax, an unknown column or function, a type that does not convert).</summary>
    InvalidQuery,

    /// <summary>The results folder is missing or holds no dataset, the query names a table the folder lacks, or a file cannot be read.</summary>
    DatasetUnavailable,
}

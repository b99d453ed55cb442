using Analytics.Vision.Video;

namespace Analytics.Runs.Outcomes;

/// <summary>
/// The one place that decides which exceptions are an input's own failure (reported for that file while the others
/// go on) and of which kind. Anything else — a state or output that cannot be written, a bug — is not an input's.
/// </summary>
public static class InputFailures
{
    /// <summary>Whether <paramref name="e"/> says that one input could not be read, decoded or admitted.</summary>
    public static bool IsInputFailure(Exception e) =>
        e is VideoDecodeException or InputRefusedException or IOException or UnauthorizedAccessException;

    public static FailureKind KindOf(Exception e) => e switch
    {
        InputRefusedException => FailureKind.Refused,
        UnauthorizedAccessException => FailureKind.AccessDenied,
        _ => FailureKind.Content,
    };

    /// <summary>The message of an input's failure, starting with its path (as run.json and the log show it).</summary>
    public static string Describe(string path, Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Message.StartsWith(path, StringComparison.Ordinal) ? e.Message : $"{path}: {e.Message}";
    }
}

namespace Analytics.Runs.Outcomes;

/// <summary>The words run.json and the audit log use for an <see cref="InputStatus"/>.</summary>
public static class InputStatusText
{
    public static string Of(InputStatus status) => status switch
    {
        InputStatus.Analysed => "ok",
        InputStatus.Failed => "failed",
        InputStatus.Partial => "partial",
        InputStatus.Refused => "refused",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

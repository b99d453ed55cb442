namespace Analytics.Runs.Jobs;

/// <summary>
/// The purpose lock (TA Grenoble, <i>Moirans</i>, 2025): a job states why, on what basis, by whom and by which
/// decision, in real words, or nothing runs. Placeholder text (TODO, test, à compléter, XXX, &lt;…&gt;) is refused:
/// these fields are published and recorded with every output.
/// </summary>
public static class PurposeLock
{
    private static readonly string[] PlaceholderWords =
    [
        "todo", "tbd", "tbc", "fixme", "xxx", "test", "tests", "testing", "n/a", "na", "none", "null", "unknown", "placeholder",
        "changeme", "change me", "lorem ipsum", "foo", "bar", "example", "sample", "à compléter", "a completer", "à définir", "a definir",
        "purpose", "legal basis", "controller", "decision", "décision", "...", "-", "?",
    ];

    private static readonly string[] PlaceholderMarkers = ["todo", "tbd", "fixme", "lorem ipsum", "placeholder", "changeme", "à compléter", "a completer", "<", "xxx"];

    /// <summary>Why <paramref name="text"/> (present, non-empty) cannot stand as an accountability field, or null when it can.</summary>
    public static string? Refusal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Trim().Trim('.', ':', '!', '"', '\'', ' ').ToLowerInvariant();
        return normalized.Length < 3 || PlaceholderWords.Contains(normalized) || PlaceholderMarkers.Any(m => normalized.Contains(m, StringComparison.Ordinal))
            ? $"'{text}' looks like placeholder text; state the real one (it is published and recorded with every output)"
            : null;
    }
}

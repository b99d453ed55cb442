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

    private static readonly string[] PlaceholderMarkers =
    [
        "todo", "tbd", "fixme", "lorem ipsum", "placeholder", "changeme", "à compléter", "a completer", "<", "xxx",
        "to be completed", "to be defined", "to be confirmed", "to be determined", "to be decided", "not yet known", "not yet decided",
        "à définir", "a definir", "à confirmer", "a confirmer", "à préciser", "a preciser", "à venir", "en attente", "en cours de définition",
    ];

    /// <summary>Words that hold a place, in English and French: a field made of nothing else says nothing.</summary>
    private static readonly HashSet<string> HollowWords = new(StringComparer.Ordinal)
    {
        "test", "tests", "testing", "essai", "essais", "sample", "samples", "example", "exemple", "dummy", "fake", "bidon", "factice",
        "foo", "bar", "baz", "asdf", "asdfgh", "qwerty", "azerty", "aaa", "abc", "xyz", "lorem", "ipsum", "pending", "unknown", "inconnu",
        "inconnue", "none", "aucun", "aucune", "null", "nil", "tbd", "tbc", "todo", "draft", "brouillon", "temp", "temporary", "provisoire",
        "whatever", "something", "quelque", "chose", "blah", "bla",
    };

    /// <summary>Words that name the kind of thing a field is, not the thing itself ("municipality", "decision").</summary>
    private static readonly HashSet<string> GenericWords = new(StringComparer.Ordinal)
    {
        "municipality", "municipal", "city", "town", "council", "commune", "mairie", "ville", "collectivité", "collectivite", "controller",
        "responsable", "purpose", "finalité", "finalite", "legal", "basis", "base", "légale", "legale", "decision", "décision", "reference",
        "référence", "the", "a", "an", "of", "for", "de", "du", "des", "la", "le", "les", "et", "and", "my", "our", "notre", "mon", "ma", "some",
        "name", "nom", "here", "ici", "to", "be", "is", "à", "en",
    };

    /// <summary>
    /// Why <paramref name="text"/> (present, non-empty) cannot stand as an accountability field, or null when it can:
    /// too short or without letters, a placeholder word or phrase, or only placeholder and generic words with no
    /// number or name of its own ("Test municipality", "asdf", "pending", "to be completed"). Real short texts pass
    /// ("Ville de Caen", "Délibération 2026-045").
    /// </summary>
    public static string? Refusal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Trim().Trim('.', ':', '!', '"', '\'', ' ').ToLowerInvariant();
        var words = System.Text.RegularExpressions.Regex.Split(normalized, @"[^\p{L}\p{N}]+").Where(w => w.Length > 0).ToList();
        var hollow = words.Count > 0
            && words.All(w => HollowWords.Contains(w) || GenericWords.Contains(w))
            && words.Any(HollowWords.Contains);
        var noLetters = !normalized.Any(char.IsLetter);
        return normalized.Length < 3 || noLetters || hollow || PlaceholderWords.Contains(normalized) || PlaceholderMarkers.Any(m => normalized.Contains(m, StringComparison.Ordinal))
            ? $"'{text}' looks like placeholder text; state the real one (it is published and recorded with every output)"
            : null;
    }
}

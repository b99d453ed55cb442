using System.Text.RegularExpressions;

namespace Analytics.Runs.Jobs;

/// <summary>The glob inputs of a job (<c>archive/cam-01/**/*.mp4</c>).</summary>
public static class InputGlob
{
    /// <summary>Files matching a glob (<c>*</c>, <c>?</c>, <c>**</c> for any depth), relative to <paramref name="baseDirectory"/>, in ordinal order.</summary>
    public static IEnumerable<string> Match(string baseDirectory, string pattern)
    {
        var normalized = pattern.Replace('\\', '/');
        var full = Path.IsPathRooted(normalized) ? normalized : Path.Combine(baseDirectory, normalized).Replace('\\', '/');
        var firstWildcard = full.IndexOfAny(['*', '?']);
        if (firstWildcard < 0)
        {
            return File.Exists(full) ? [full] : [];
        }

        var root = full[..full.LastIndexOf('/', firstWildcard)];
        if (!Directory.Exists(root))
        {
            return [];
        }

        var expression = "^" + Regex.Escape(full[(root.Length + 1)..])
            .Replace(@"\*\*/", "(?:.*/)?", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$";
        var regex = new Regex(expression, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => regex.IsMatch(Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}

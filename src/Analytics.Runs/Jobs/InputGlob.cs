using System.Text.RegularExpressions;

namespace Analytics.Runs.Jobs;

/// <summary>
/// The glob inputs of a job (<c>archive/cam-01/**/*.mp4</c>). A glob walks the real folders under its root and never
/// follows a link to a folder: a link loop, or a link to another part of the archive, would list the same
/// recordings again under other names. (A link to a file is matched like a file.)
/// </summary>
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
            return File.Exists(full) ? [Path.GetFullPath(full)] : [];
        }

        var rootEnd = full.LastIndexOf('/', firstWildcard);
        var wildcards = full[(rootEnd + 1)..];
        // Normalised, so that paths in the outputs never read "jobs/../archive/...".
        var root = Path.GetFullPath(rootEnd > 0 ? full[..rootEnd] : "/");
        if (!Directory.Exists(root))
        {
            return [];
        }

        var expression = "^" + Regex.Escape(wildcards)
            .Replace(@"\*\*/", "(?:.*/)?", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$";
        var regex = new Regex(expression, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return FilesUnder(root)
            .Where(f => regex.IsMatch(Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every file below <paramref name="root"/>, descending into real folders only.</summary>
    private static IEnumerable<string> FilesUnder(string root)
    {
        var all = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true };
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", all))
            {
                yield return file;
            }

            foreach (var sub in Directory.EnumerateDirectories(folder, "*", all))
            {
                if (new DirectoryInfo(sub).LinkTarget is null)
                {
                    pending.Push(sub);
                }
            }
        }
    }
}

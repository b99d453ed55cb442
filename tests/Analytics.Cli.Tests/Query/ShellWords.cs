using System.Text;

namespace Analytics.Cli.Tests.Query;

/// <summary>Splits a command line as a POSIX shell does for the README's examples: spaces, 'single' and "double" quotes, backslash escapes, # comments.</summary>
internal static class ShellWords
{
    public static List<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                Assert.True(end > i, $"unclosed single quote in: {line}");
                word.Append(line, i + 1, end - i - 1);
                (i, inWord) = (end, true);
            }
            else if (c == '"')
            {
                for (i++; line[i] != '"'; i++)
                {
                    word.Append(line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`' ? line[++i] : line[i]);
                }

                inWord = true;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                (word, inWord) = (word.Append(line[++i]), true);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    (word, inWord) = (new StringBuilder(), false);
                }
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else
            {
                (word, inWord) = (word.Append(c), true);
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}

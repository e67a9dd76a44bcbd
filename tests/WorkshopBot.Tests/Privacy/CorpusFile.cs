namespace WorkshopBot.Tests.Privacy;

/// <summary>Reads the labelled corpus files copied next to the test assembly (Privacy/Corpus/*.txt).</summary>
internal static class CorpusFile
{
    private const string MarkOpen = "[[";
    private const string MarkClose = "]]";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Privacy", "Corpus");

    /// <summary>Every snippet of a category: true for "+" (must flag), false for "-" (must not flag).</summary>
    public static IReadOnlyList<(bool MustFlag, string Text)> Read(string category)
    {
        var path = Path.Combine(Directory, category + ".txt");
        return File.ReadAllLines(path)
            .Select(line => line.TrimEnd())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.StartsWith("+ ", StringComparison.Ordinal) ? (true, line[2..])
                : line.StartsWith("- ", StringComparison.Ordinal) ? (false, line[2..])
                : throw new InvalidDataException($"{path}: a snippet starts with '+ ' or '- ': {line}"))
            .ToList();
    }

    /// <summary>Removes the [[...]] marks and returns where the marked text sits in the unmarked text.</summary>
    public static (string Text, IReadOnlyList<(int Start, int End)> Marks) Unmark(string snippet)
    {
        var text = new System.Text.StringBuilder(snippet.Length);
        var marks = new List<(int Start, int End)>();
        var i = 0;
        while (i < snippet.Length)
        {
            var open = snippet.IndexOf(MarkOpen, i, StringComparison.Ordinal);
            if (open < 0)
            {
                text.Append(snippet, i, snippet.Length - i);
                break;
            }

            var close = snippet.IndexOf(MarkClose, open, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new InvalidDataException($"Unclosed mark in: {snippet}");
            }

            text.Append(snippet, i, open - i);
            var start = text.Length;
            text.Append(snippet, open + MarkOpen.Length, close - open - MarkOpen.Length);
            marks.Add((start, text.Length));
            i = close + MarkClose.Length;
        }

        return (text.ToString(), marks);
    }
}

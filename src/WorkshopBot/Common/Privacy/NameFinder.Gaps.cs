namespace WorkshopBot.Common.Privacy;

/// <summary>What stands between two words: the gap after a cue, a space inside a name.</summary>
internal static partial class NameFinder
{
    /// <summary>Between a cue and a name: spaces, and at most one of , : = ( - and an opening quote; an
    /// arrow ("mum -> Aisha", "mum → Aisha").</summary>
    private static bool IsCueSeparator(string gap)
    {
        if (gap.Contains('\n', StringComparison.Ordinal))
        {
            return false;
        }

        var marks = gap.Where(c => !char.IsWhiteSpace(c)).ToList();
        return marks.Count <= 2
            && marks.All(c => c is ',' or ':' or '=' or '(' or '-' or '–' or '—' or '>' or '→' or '"' or '\'' or '“' or '‘')
            && marks.Count(c => c is ',' or ':' or '=' or '(' or '-' or '–' or '—') <= 1;
    }

    /// <summary>A tab between two words: the border of two cells of a table pasted from a spreadsheet.</summary>
    private static bool IsCellBorder(string gap) => gap.Contains('\t', StringComparison.Ordinal);

    private static bool IsSpace(string text, IReadOnlyList<TextWord> words, int i)
    {
        var gap = Gap(text, words, i);
        return gap.Length > 0 && gap.All(c => c is ' ' or '\t');
    }

    private static string Gap(string text, IReadOnlyList<TextWord> words, int i) =>
        i + 1 < words.Count ? text[words[i].End..words[i + 1].Start] : text[words[i].End..];
}

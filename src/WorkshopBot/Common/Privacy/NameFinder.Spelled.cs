namespace WorkshopBot.Common.Privacy;

/// <summary>Names spelt out letter by letter to slip past the check: "J a y d e n", "A-i-s-h-a", "n.o.w.a.k".</summary>
internal static partial class NameFinder
{
    private const int MinSpeltLetters = 4;

    /// <summary>
    /// Four letters or more, each its own word with one and the same single mark or space between ("J a y d e n",
    /// "A.i.s.h.a", "K_a_y_d_e_n"), or joined by hyphens into one word ("A-i-s-h-a"), that together spell a name the
    /// gazetteer holds and that is not also an everyday word. Nobody writes a word so; "Child A, B and C" and
    /// "options a / b / c" spell no name. One pass: each letter is read once.
    /// </summary>
    private static void SpelledNames(string text, IReadOnlyList<TextWord> words, List<(int Start, int End)> found)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word.Base.Length >= 2 * MinSpeltLetters - 1 && IsSpeltWithHyphens(word.Base))
            {
                AddIfName(word.Base.Replace("-", string.Empty, StringComparison.Ordinal), word.Start, word.BaseEnd, found);
                continue;
            }

            if (!word.IsSingleLetter)
            {
                continue;
            }

            var end = i;
            var mark = string.Empty;
            while (end + 1 < words.Count && words[end + 1].IsSingleLetter && Gap(text, words, end) is { Length: 1 } gap
                   && (end == i || gap == mark) && gap[0] is not ('\n' or '\t' or ',' or ';' or '/' or '|'))
            {
                (mark, end) = (gap, end + 1);
            }

            if (end - i + 1 >= MinSpeltLetters)
            {
                var letters = string.Concat(Enumerable.Range(i, end - i + 1).Select(j => words[j].Base));
                AddIfName(letters, word.Start, words[end].BaseEnd, found);
            }

            i = end;
        }
    }

    private static bool IsSpeltWithHyphens(string word)
    {
        for (var j = 0; j < word.Length; j++)
        {
            if ((j % 2 == 0) != char.IsLetter(word[j]) || (j % 2 == 1 && word[j] != '-'))
            {
                return false;
            }
        }

        return word.Length % 2 == 1;
    }

    private static void AddIfName(string letters, int start, int end, List<(int Start, int End)> found)
    {
        if (letters.Length >= MinSpeltLetters && NameGazetteer.IsDistinctName(letters))
        {
            found.Add((start, end));
        }
    }
}

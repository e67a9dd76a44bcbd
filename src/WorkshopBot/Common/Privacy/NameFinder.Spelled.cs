namespace WorkshopBot.Common.Privacy;

/// <summary>Names spelt out letter by letter to slip past the check: "J a y d e n", "A-i-s-h-a", "n.o.w.a.k".</summary>
internal static partial class NameFinder
{
    private const int MinSpeltLetters = 4;

    /// <summary>
    /// Four letters or more, each its own word with one and the same single mark or space between ("J a y d e n",
    /// "A.i.s.h.a", "K_a_y_d_e_n"), or joined by hyphens into one word ("A-i-s-h-a"), that together spell a name the
    /// gazetteer holds and that is not also an everyday word. A digit typed for a letter counts as that letter when most
    /// are letters ("J.4.Y.D.E.N", "J-4-Y-D-E-N", "A 1 S H A"). Nobody writes a word so; "Child A, B and C", "options a /
    /// b / c" and "1.2.3.4" spell no name. One pass: each letter is read once.
    /// </summary>
    private static void SpelledNames(string text, IReadOnlyList<TextWord> words, List<(int Start, int End)> found)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word.Base.Length >= 2 * MinSpeltLetters - 1 && IsSpeltWithHyphens(word.Base))
            {
                AddIfSpeltName(word.Base.Replace("-", string.Empty, StringComparison.Ordinal), word.Start, word.BaseEnd, found);
                continue;
            }

            if (!IsSpeltLetter(word.Base))
            {
                continue;
            }

            var end = i;
            var mark = string.Empty;
            while (end + 1 < words.Count && IsSpeltLetter(words[end + 1].Base) && Gap(text, words, end) is { Length: 1 } gap
                   && (end == i || gap == mark) && gap[0] is not ('\n' or '\t' or ',' or ';' or '/' or '|'))
            {
                (mark, end) = (gap, end + 1);
            }

            if (end - i + 1 >= MinSpeltLetters)
            {
                var letters = string.Concat(Enumerable.Range(i, end - i + 1).Select(j => words[j].Base));
                AddIfSpeltName(letters, word.Start, words[end].BaseEnd, found);
            }

            i = end;
        }
    }

    /// <summary>One letter, or one digit or symbol typed for a letter ("4" for "a").</summary>
    private static bool IsSpeltLetter(string word) =>
        word.Length == 1 && (char.IsLetter(word[0]) || FoldedText.LettersFor(word[0]).Length > 0);

    private static bool IsSpeltWithHyphens(string word)
    {
        for (var j = 0; j < word.Length; j++)
        {
            if ((j % 2 == 0) != IsSpeltLetter(word[j].ToString()) || (j % 2 == 1 && word[j] != '-'))
            {
                return false;
            }
        }

        return word.Length % 2 == 1;
    }

    /// <summary>
    /// The spelt letters when they name someone: as typed, or, with digits among them (fewer than the letters), with each
    /// digit read as the letter it stands for ("1" as "i", else as "l").
    /// </summary>
    private static void AddIfSpeltName(string spelt, int start, int end, List<(int Start, int End)> found)
    {
        var digits = spelt.Count(c => !char.IsLetter(c));
        if (digits == 0)
        {
            AddIfName(spelt, start, end, found);
        }
        else if (2 * digits < spelt.Length && new[] { 0, 1 }.Any(option =>
                     NameGazetteer.IsDistinctName(new string([.. spelt.Select(c => char.IsLetter(c) ? c : LetterFor(c, option))]))))
        {
            found.Add((start, end));
        }
    }

    private static char LetterFor(char digit, int option)
    {
        var letters = FoldedText.LettersFor(digit);
        return letters[Math.Min(option, letters.Length - 1)];
    }

    private static void AddIfName(string letters, int start, int end, List<(int Start, int End)> found)
    {
        if (letters.Length >= MinSpeltLetters && NameGazetteer.IsDistinctName(letters))
        {
            found.Add((start, end));
        }
    }
}

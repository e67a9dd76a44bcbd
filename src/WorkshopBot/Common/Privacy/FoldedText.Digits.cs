using System.Collections.Frozen;
using System.Text;

namespace WorkshopBot.Common.Privacy;

/// <summary>What stands between the groups of a number or a date, written another way: "943_476_5919", "01·02·2019".</summary>
internal sealed partial class FoldedText
{
    // Spaces or tabs a dot look-alike or a backslash may have on either side: "943 · 476 · 5919".
    private const int MaxSpacesAroundSeparator = 2;

    /// <summary>
    /// The separator at <paramref name="i"/> between two groups of digits, read as the one it stands for, and how many
    /// characters it takes; or (null, 0). A run of underscores right between two digits ("943_476_5919", "01_02_2019")
    /// is read as a hyphen; a dot look-alike (a middle dot, a bullet, the hyphenation point, a katakana or ideographic
    /// dot: "01·02·2019", "943•476•5919") as a full stop, and a backslash as a slash, also with a space or two around
    /// them. Anywhere else they are left as typed: "case_ref", "Agency · case". A colon or a pipe counts by the shape
    /// of the groups around it (<see cref="GroupSeparatorAt"/>).
    /// </summary>
    private static (string? Separator, int Length) DigitSeparatorAt(string original, int i)
    {
        if (GroupSeparatorAt(original, i) is { } group)
        {
            return (group, 1);
        }

        var c = original[i];
        if (c == '_')
        {
            var end = i;
            while (end < original.Length && original[end] == '_')
            {
                end++;
            }

            return i > 0 && char.IsDigit(original[i - 1]) && end < original.Length && char.IsDigit(original[end])
                ? ("-", end - i)
                : (null, 0);
        }

        var separator = c == '\\' ? "/" : IsDotLike(c) ? "." : null;
        return separator is not null && DigitBefore(original, i) && DigitAfter(original, i + 1) ? (separator, 1) : (null, 0);
    }

    private static bool IsDotLike(char c) =>
        c is '\u00B7' or '\u0387' or '\u2022' or '\u2219' or '\u22C5' or '\u2027' or '\u2E31' or '\u2E33' or '\u30FB'
            or '\uFF65' or '\u3002' or '\uFF61';

    private static bool DigitBefore(string original, int i)
    {
        for (var (j, spaces) = (i - 1, 0); j >= 0; j--)
        {
            if (!IsSpaceAroundSeparator(original[j]))
            {
                return char.IsDigit(original[j]);
            }

            if (++spaces > MaxSpacesAroundSeparator)
            {
                return false;
            }
        }

        return false;
    }

    private static bool DigitAfter(string original, int i)
    {
        for (var (j, spaces) = (i, 0); j < original.Length; j++)
        {
            if (!IsSpaceAroundSeparator(original[j]))
            {
                return char.IsDigit(original[j]);
            }

            if (++spaces > MaxSpacesAroundSeparator)
            {
                return false;
            }
        }

        return false;
    }

    // A space or tab, a no-break or thin space, or an invisible character: not a line break.
    private static bool IsSpaceAroundSeparator(char c) =>
        c is not ('\n' or '\r') && (char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);

    // The letters that digits (and "@" and "$" inside a word) stand for in a word typed to slip past a check: "j4yden",
    // "5ophie", "Ol1via", "3LL4", "J@yden".
    private static readonly FrozenDictionary<char, string> LettersForDigits = new Dictionary<char, string>
    {
        ['0'] = "o", ['1'] = "il", ['3'] = "e", ['4'] = "a", ['5'] = "s", ['7'] = "t", ['8'] = "b", ['9'] = "g", ['@'] = "a", ['$'] = "s",
    }.ToFrozenDictionary();

    /// <summary>The letters a digit or a symbol typed for a letter stands for ("4" "a", "1" "il"); empty for any other character.</summary>
    public static string LettersFor(char c) => LettersForDigits.TryGetValue(c, out var letters) ? letters : string.Empty;

    // How many ones a word may hold (each read as "i" and as "l"), so a word is tried a bounded number of ways.
    private const int MaxOnesTried = 3;

    /// <summary>
    /// The text with the digits inside a word of letters read as the letters they stand for ("j4yden" reads "jayden",
    /// "5OPHIE" "SOPHIE"), each in the case of the word's letters; null when no word has such digits. A word needs two
    /// letters or more and only digits that stand for letters, not only at its end ("C1", "Y10", "GCP2", "2nd", "Boy1"
    /// stay as typed), so codes, ordinals and pseudonyms are left alone. A one is read as "i" or "l", whichever makes a
    /// name ("Ol1via", "E11a"), else "i". The text keeps its length, each character in its place.
    /// </summary>
    public static string? DigitsAsLetters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        char[]? letters = null;
        for (var start = 0; start < text.Length;)
        {
            var end = start;
            var (digits, latin, ones, others) = (0, 0, 0, 0);
            for (; end < text.Length && (char.IsLetterOrDigit(text[end]) || IsSymbolForLetter(text, start, end)); end++)
            {
                var c = text[end];
                digits += char.IsAsciiDigit(c) || c is '@' or '$' ? 1 : 0;
                latin += char.IsAsciiLetter(c) ? 1 : 0;
                ones += c == '1' ? 1 : 0;
                others += LettersForDigits.ContainsKey(c) || char.IsAsciiDigit(c) || char.IsAsciiLetter(c) ? 0 : 1;
            }

            var word = text.AsSpan(start, end - start);
            if (digits > 0 && latin >= 2 && others == 0 && ones <= MaxOnesTried && !word.ContainsAny("26") && !IsNumbered(word))
            {
                letters ??= text.ToCharArray();
                ReadAsLetters(text.AsSpan(start, end - start), letters.AsSpan(start, end - start), ones);
            }

            start = end == start ? end + 1 : end;
        }

        return letters is null ? null : new string(letters);
    }

    // "J@yden", "Jayd$n": an "@" or a "$" between two letters or digits of a word.
    private static bool IsSymbolForLetter(string text, int start, int i) =>
        text[i] is '@' or '$' && i > start && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]);

    // "Boy1", "Twin1", "Item3": a word and its number, the digits only at its end.
    private static bool IsNumbered(ReadOnlySpan<char> word) =>
        char.IsAsciiDigit(word[^1]) && !char.IsAsciiDigit(word[0]) && word.TrimEnd("0123456789").IndexOfAny("0123456789@$") < 0;

    private static void ReadAsLetters(ReadOnlySpan<char> word, Span<char> write, int ones)
    {
        var upper = !word.ContainsAnyInRange('a', 'z');
        for (var choice = 0; choice < 1 << ones; choice++)
        {
            var one = 0;
            for (var i = 0; i < word.Length; i++)
            {
                var c = word[i];
                var letter = !LettersForDigits.TryGetValue(c, out var letters) ? c
                    : c == '1' ? letters[(choice >> one++) & 1] : letters[0];
                write[i] = upper ? char.ToUpperInvariant(letter) : letter;
            }

            if (NameGazetteer.IsName(new string(write)))
            {
                return;
            }
        }

        // No reading is a name: the ones are read as "i" (the first choice).
        for (var i = 0; i < word.Length; i++)
        {
            var letter = LettersForDigits.TryGetValue(word[i], out var letters) ? letters[0] : word[i];
            write[i] = upper ? char.ToUpperInvariant(letter) : letter;
        }
    }
}

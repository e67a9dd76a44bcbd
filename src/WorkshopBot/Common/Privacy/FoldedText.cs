using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// The text the scanner reads: what the author sees, with the tricks that hide an identifier from a pattern undone.
/// Invisible characters (zero-width spaces and joiners, soft hyphens, direction marks) and combining accents are
/// dropped; non-breaking, thin and other spaces become a space and line or paragraph separators a line break;
/// hyphen look-alikes (U+2010, U+2011, U+2212) become "-", other dashes "–", apostrophe look-alikes (ʼ ´ ` ′) "'"
/// and slash look-alikes (∕ ⁄) "/"; between two digits an underscore becomes "-", a dot look-alike (· • ∙ ・) "."
/// and a backslash "/" (see <see cref="DigitSeparatorAt"/>), and a colon or pipe between three groups of digits
/// shaped as an NHS number or a date "-" or "/" ("943:476:5919", "01|02|2019"; see <see cref="GroupSeparatorAt"/>);
/// full-width and other compatibility forms become their
/// plain letters and digits ("９９９" is "999"); digits of other scripts become 0-9; and a Cyrillic or Greek letter
/// that looks like a Latin one becomes that letter inside a word that also holds a Latin letter or digit ("Nоwak",
/// "В33 8ТН") or is made of look-alikes only ("Аіѕһа"), so a word written in another script is left alone; the braille
/// blank and the Hangul fillers are spaces. Read once more on request, O, o, l and I inside a word of digits are the
/// digits they stand for ("O77OO", "59l9"; see <see cref="HasLettersForDigits"/>). Markdown
/// emphasis (*, ~, _ at a word's edge) and HTML tags (any tag-like "&lt;name ...&gt;") are markup, read as
/// invisible characters are; HTML entities are read as the character they stand for ("&amp;nbsp;", "&amp;#8203;"),
/// see <see cref="MarkupAt"/>. Each folded character remembers where it came from, so a finding shows the author
/// exactly what they typed. Read as nothing, an invisible character between two words joins them
/// ("Jane\u200BSmith" reads "JaneSmith"); the scanner then reads the text a second time with every invisible
/// character as a space (see <see cref="HasInvisible"/>), so it hides an identifier neither inside a word nor
/// between two.
/// </summary>
internal sealed partial class FoldedText
{
    private static readonly FrozenDictionary<char, char> LookAlikes = new Dictionary<char, char>
    {
        ['А'] = 'A', ['В'] = 'B', ['С'] = 'C', ['Е'] = 'E', ['Н'] = 'H', ['І'] = 'I', ['Ј'] = 'J', ['К'] = 'K',
        ['М'] = 'M', ['О'] = 'O', ['Р'] = 'P', ['Ѕ'] = 'S', ['Т'] = 'T', ['Х'] = 'X', ['У'] = 'Y', ['а'] = 'a',
        ['с'] = 'c', ['е'] = 'e', ['һ'] = 'h', ['і'] = 'i', ['ј'] = 'j', ['ӏ'] = 'l', ['о'] = 'o', ['р'] = 'p',
        ['ԛ'] = 'q', ['ѕ'] = 's', ['ԝ'] = 'w', ['х'] = 'x', ['у'] = 'y', ['ԁ'] = 'd',
        ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Ζ'] = 'Z', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M',
        ['Ν'] = 'N', ['Ο'] = 'O', ['Ρ'] = 'P', ['Τ'] = 'T', ['Υ'] = 'Y', ['Χ'] = 'X', ['ο'] = 'o', ['ι'] = 'i',
        ['ν'] = 'v',
    }.ToFrozenDictionary();

    private readonly int[]? _from;
    private readonly int[]? _to;

    private FoldedText(string text, int[]? from, int[]? to, bool hasInvisible)
    {
        Text = text;
        _from = from;
        _to = to;
        HasInvisible = hasInvisible;
    }

    /// <summary>The folded text; the original itself when there was nothing to fold.</summary>
    public string Text { get; }

    /// <summary>The original holds an invisible (format) character: a zero-width space or joiner, a word joiner, a
    /// soft hyphen, a byte-order mark, a direction mark..., or markup: Markdown emphasis or an HTML tag.</summary>
    public bool HasInvisible { get; }

    /// <summary>Folds the text; an invisible character is read as nothing, or as a space when
    /// <paramref name="invisibleAsSpace"/> is set; with <paramref name="lettersAsDigits"/>, O, o, l and I inside a word of
    /// digits are read as the digits (<see cref="HasLettersForDigits"/>).</summary>
    public static FoldedText Fold(string original, bool invisibleAsSpace = false, bool lettersAsDigits = false)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (original.All(c => c is >= ' ' and <= '}' and not ('`' or '*' or '_' or '<' or '&' or '\\') or '\n' or '\t')
            && !HasGroupSeparator(original) && !lettersAsDigits)
        {
            return new FoldedText(original, null, null, false);
        }

        var text = new StringBuilder(original.Length);
        var from = new List<int>(original.Length);
        var to = new List<int>(original.Length);
        var hasInvisible = false;
        for (var i = 0; i < original.Length;)
        {
            if (DigitSeparatorAt(original, i) is ({ } separator, var taken))
            {
                text.Append(separator);
                from.Add(i);
                to.Add(i + taken);
                i += taken;
                continue;
            }

            if (MarkupAt(original, i, invisibleAsSpace, text, from, to, ref hasInvisible) is var markup and > 0)
            {
                i += markup;
                continue;
            }

            // A lone surrogate is kept as it is: it hides nothing and cannot be folded.
            var valid = Rune.DecodeFromUtf16(original.AsSpan(i), out var rune, out var length) == OperationStatus.Done;
            var folded = !valid ? original.Substring(i, length = 1)
                : original.AsSpan(i).StartsWith("\r\n") ? string.Empty // one line break, read at its "\n"
                : FoldRune(rune, invisibleAsSpace, ref hasInvisible);
            foreach (var c in folded)
            {
                text.Append(c);
                from.Add(i);
                to.Add(i + length);
            }

            i += length;
        }

        var letters = text.ToString().ToCharArray();
        UndoLookAlikes(letters);
        if (lettersAsDigits)
        {
            DigitLookAlikes(letters, letters);
        }

        return new FoldedText(new string(letters), [.. from], [.. to], hasInvisible);
    }

    /// <summary>A finding in the folded text, placed on the original text the author typed.</summary>
    public IdentifierFinding ToOriginal(IdentifierFinding finding, string original)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (_from is null || _to is null || finding.Length == 0)
        {
            return finding;
        }

        var start = _from[finding.Start];
        var end = _to[finding.End - 1];
        while (end < original.Length && CharUnicodeInfo.GetUnicodeCategory(original[end]) == UnicodeCategory.NonSpacingMark)
        {
            end++; // the accent on the last letter ("Zoe\u0308") belongs to the finding
        }

        var typed = original[start..end];
        return typed == finding.Text
            ? finding with { Start = start }
            : finding with
            {
                Start = start, Length = end - start, Text = typed,
                Message = finding.Message.Replace(finding.Text, typed, StringComparison.Ordinal),
            };
    }

    private static string FoldRune(Rune rune, bool invisibleAsSpace, ref bool hasInvisible)
    {
        if (rune.IsAscii)
        {
            return rune.Value switch
            {
                '\r' => "\n",
                '`' => "'",
                _ => rune.ToString(),
            };
        }

        // Format characters are invisible; a combining accent typed after its letter ("Zoe\u0308", as macOS pastes
        // it) would split the word, and names are compared without accents anyway.
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.Format)
        {
            hasInvisible = true;
            return invisibleAsSpace ? " " : string.Empty;
        }

        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
        {
            return string.Empty;
        }

        if (category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator || rune.Value == 0x85)
        {
            return "\n";
        }

        // Blanks that Unicode counts as letters or symbols, not spaces: the braille blank and the Hangul fillers.
        if (Rune.IsWhiteSpace(rune) || rune.Value is 0x2800 or 0x3164 or 0xFFA0 or 0x115F or 0x1160)
        {
            return " ";
        }

        if (rune.Value is 0x2010 or 0x2011 or 0x2212)
        {
            return "-";
        }

        // Other dashes (figure dash, horizontal bar, modifier minus, hyphen bullet, two- and three-em dashes) are read as
        // an en dash, which every pattern takes where it takes a dash: "943‒476‒5919", "01―02―2019".
        if (rune.Value is 0x2012 or 0x2015 or 0x02D7 or 0x2043 or 0x2E3A or 0x2E3B)
        {
            return "–";
        }

        // Apostrophe look-alikes ("Kaydenʼs dad", "O´Sullivan") and slash look-alikes ("03∕01∕2024").
        if (rune.Value is 0x02BC or 0x00B4 or 0x2032 or 0x02B9)
        {
            return "'";
        }

        if (rune.Value is 0x2215 or 0x2044)
        {
            return "/";
        }

        if (category == UnicodeCategory.DecimalDigitNumber)
        {
            return ((char)('0' + Rune.GetNumericValue(rune))).ToString();
        }

        // Non-characters (U+FFFE, U+FDD0...) and unassigned or private code points have no compatibility form, and
        // normalising a non-character throws: they are kept as typed.
        if (IsNonCharacter(rune) || category is UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse)
        {
            return rune.ToString();
        }

        var compatible = rune.ToString().Normalize(NormalizationForm.FormKC);
        return compatible.All(c => char.IsLetterOrDigit(c) || char.IsPunctuation(c) || c == ' ') ? compatible : rune.ToString();
    }

    private static bool IsNonCharacter(Rune rune) => (rune.Value & 0xFFFE) == 0xFFFE || rune.Value is >= 0xFDD0 and <= 0xFDEF;

    /// <summary>
    /// Whether the text holds a word made of digits and letters that stand for them ("O77OO", "9OO123", "59l9", "1O": O
    /// or o for 0, l or I for 1), at least one of each. A word with any other letter ("C2O1", "IO") is not one.
    /// </summary>
    public static bool HasLettersForDigits(string text) =>
        text.AsSpan().IndexOfAny("OolI") >= 0 && DigitLookAlikes(text, []);

    // Such words' letters become the digits they stand for in write, when it is given (the text's own characters).
    private static bool DigitLookAlikes(ReadOnlySpan<char> text, Span<char> write)
    {
        var found = false;
        for (var start = 0; start < text.Length;)
        {
            var end = start;
            var (digits, letters, others) = (0, 0, 0);
            while (end < text.Length && char.IsLetterOrDigit(text[end]))
            {
                if (char.IsAsciiDigit(text[end]))
                {
                    digits++;
                }
                else if (text[end] is 'O' or 'o' or 'l' or 'I')
                {
                    letters++;
                }
                else
                {
                    others++;
                }

                end++;
            }

            if (digits > 0 && letters > 0 && others == 0)
            {
                found = true;
                for (var i = start; !write.IsEmpty && i < end; i++)
                {
                    write[i] = text[i] switch { 'O' or 'o' => '0', 'l' or 'I' => '1', var c => c };
                }
            }

            start = end == start ? end + 1 : end;
        }

        return found;
    }

    private static void UndoLookAlikes(char[] text)
    {
        for (var start = 0; start < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[start]))
            {
                start++;
                continue;
            }

            var end = start;
            var (latin, lookAlike, allLookAlike) = (false, false, true);
            while (end < text.Length && char.IsLetterOrDigit(text[end]))
            {
                latin |= char.IsAscii(text[end]);
                lookAlike |= LookAlikes.ContainsKey(text[end]);
                allLookAlike &= char.IsAsciiDigit(text[end]) || LookAlikes.ContainsKey(text[end]);
                end++;
            }

            // "Nоwak" mixes scripts; "Аіѕһа" is made only of look-alikes; "Олена" is Cyrillic and stays so.
            for (var i = start; lookAlike && (latin || allLookAlike) && i < end; i++)
            {
                text[i] = LookAlikes.GetValueOrDefault(text[i], text[i]);
            }

            start = end;
        }
    }
}

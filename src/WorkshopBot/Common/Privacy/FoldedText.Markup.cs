using System.Buffers;
using System.Collections.Frozen;
using System.Net;
using System.Text;

namespace WorkshopBot.Common.Privacy;

/// <summary>Markup the author does not see: Markdown emphasis, HTML tags and entities.</summary>
internal sealed partial class FoldedText
{
    // A tag is short; one that does not close within this many characters is text ("x < y ...").
    private const int MaxTagLength = 256;

    private const int MaxEntityLength = 34;

    /// <summary>The elements of formatted text a pasted note or a chat message carries: their attributes are read as
    /// text in the second reading, their names are not. Any other tag is read as nothing too, then as the text inside
    /// it (see <see cref="TagAt"/>).</summary>
    private static readonly FrozenSet<string> HtmlElements = new[]
    {
        "a", "abbr", "b", "big", "blockquote", "br", "cite", "code", "del", "div", "em", "font", "h1", "h2", "h3", "h4",
        "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strike",
        "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "tt", "u", "ul",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the markup at <paramref name="i"/>, if any, into the folded text and returns how many characters it
    /// takes, or 0. Emphasis markers (a run of * or ~, or of _ at a word's edge: "**5919**", "__Aisha__", not
    /// "case_ref") and a tag ("&lt;b&gt;", "&lt;/span&gt;", "&lt;custom&gt;", "&lt;!-- --&gt;") are read as an invisible
    /// character is: as nothing, or as a space with <paramref name="invisibleAsSpace"/>, when a known tag's attributes
    /// ("&lt;a href=\"mailto:...\"&gt;") and the whole inside of another ("&lt;Aisha&gt;") are read as text. An entity
    /// ("&amp;nbsp;", "&amp;#8203;", "&amp;#x39;") is read as the character it stands for, folded as that character would be.
    /// </summary>
    private static int MarkupAt(
        string original, int i, bool invisibleAsSpace, StringBuilder text, List<int> from, List<int> to, ref bool hasInvisible)
    {
        void Add(string folded, int start, int end)
        {
            foreach (var c in folded)
            {
                text.Append(c);
                from.Add(start);
                to.Add(end);
            }
        }

        var c = original[i];
        if (c is '*' or '~' or '_')
        {
            var end = i;
            while (end < original.Length && original[end] == c)
            {
                end++;
            }

            var inWord = i > 0 && char.IsLetterOrDigit(original[i - 1]) && end < original.Length && char.IsLetterOrDigit(original[end]);
            if (c == '_' && inWord)
            {
                return 0;
            }

            hasInvisible = true;
            Add(invisibleAsSpace ? " " : string.Empty, i, end);
            return end - i;
        }

        if (c == '<' && TagAt(original, i) is var (length, inside) && length > 0)
        {
            hasInvisible = true;
            if (invisibleAsSpace)
            {
                Add(" ", i, i + 1);
                for (var a = inside.Start; a < inside.End; a++)
                {
                    Add(original[a].ToString(), a, a + 1);
                }

                Add(" ", i + length - 1, i + length);
            }

            return length;
        }

        if (c == '&' && EntityAt(original, i) is { } entity)
        {
            var decoded = WebUtility.HtmlDecode(entity);
            for (var d = 0; d < decoded.Length;)
            {
                var folded = Rune.DecodeFromUtf16(decoded.AsSpan(d), out var rune, out var runeLength) == OperationStatus.Done
                    ? FoldRune(rune, invisibleAsSpace, ref hasInvisible)
                    : decoded.Substring(d, runeLength);
                Add(folded, i, i + entity.Length);
                d += runeLength;
            }

            return entity.Length;
        }

        return 0;
    }

    /// <summary>
    /// The length of the HTML tag or comment at <paramref name="i"/> (0 when there is none) and the range of what is
    /// read as text in it. A tag is "&lt;" or "&lt;/", a letter, then letters, digits and ": _ . -" (custom elements such
    /// as "&lt;my-note&gt;", Word's "&lt;o:p&gt;"), then a space, "&gt;" or "/&gt;", and the rest up to the next "&gt;";
    /// "&lt;!...&gt;" and "&lt;?...&gt;" are tags too. What is read as text is a known element's attributes, or the
    /// whole inside of any other tag, name included ("&lt;Aisha&gt;" may be a name in angle brackets): "a &lt; b",
    /// "&lt;3", "aged &lt;2", "&lt;jane.doe@nhs.net&gt;" and "&lt;https://example.org/&gt;" are no tags.
    /// </summary>
    private static (int Length, (int Start, int End) Text) TagAt(string original, int i)
    {
        var limit = Math.Min(original.Length, i + MaxTagLength);
        if (original.AsSpan(i).StartsWith("<!--"))
        {
            var close = original.IndexOf("-->", i + 4, limit - i - 4, StringComparison.Ordinal);
            return close < 0 ? (0, default) : (close + 3 - i, default);
        }

        var declaration = i + 2 < limit && original[i + 1] is '!' or '?'
            && (char.IsAsciiLetter(original[i + 2]) || original[i + 2] == '[');
        var nameStart = declaration ? i + 2 : i + 1 < original.Length && original[i + 1] == '/' ? i + 2 : i + 1;
        var nameEnd = nameStart;
        while (nameEnd < limit && (char.IsAsciiLetterOrDigit(original[nameEnd]) || original[nameEnd] is ':' or '_' or '.' or '-'))
        {
            nameEnd++;
        }

        if (!declaration && (nameEnd == nameStart || nameEnd >= limit || !char.IsAsciiLetter(original[nameStart])))
        {
            return (0, default);
        }

        var known = !declaration && nameEnd < limit && HtmlElements.Contains(original[nameStart..nameEnd]);
        var ends = declaration || original[nameEnd] is '>' or ' ' or '\t' or '\n'
            || (original[nameEnd] == '/' && (known || (nameEnd + 1 < limit && original[nameEnd + 1] == '>')));
        for (var end = nameEnd; ends && end < limit; end++)
        {
            if (original[end] == '>')
            {
                return (end + 1 - i, (known ? nameEnd : nameStart, end));
            }

            if (original[end] == '<')
            {
                break;
            }
        }

        return (0, default);
    }

    /// <summary>The HTML entity at <paramref name="i"/> ("&amp;nbsp;", "&amp;#8203;", "&amp;#x200B;"), or null.</summary>
    private static string? EntityAt(string original, int i)
    {
        var limit = Math.Min(original.Length, i + MaxEntityLength);
        var end = i + 1;
        while (end < limit && (char.IsAsciiLetterOrDigit(original[end]) || (end == i + 1 && original[end] == '#')))
        {
            end++;
        }

        if (end >= limit || original[end] != ';' || end == i + 1)
        {
            return null;
        }

        var entity = original[i..(end + 1)];
        return WebUtility.HtmlDecode(entity) == entity ? null : entity;
    }
}

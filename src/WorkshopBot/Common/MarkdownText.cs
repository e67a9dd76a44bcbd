using System.Buffers;
using System.Text;

namespace WorkshopBot.Common;

/// <summary>
/// People's free text placed where Markdown is read (a card's TextBlock, the briefing's Markdown download), kept as
/// words: what would start a link, an image, an HTML tag, emphasis, code or a table, or a heading at a line's start,
/// is escaped with a backslash, so a link someone typed is shown as typed and never becomes a live one.
/// </summary>
public static class MarkdownText
{
    private static readonly SearchValues<char> Markup = SearchValues.Create("\\[]<>`*_|#");

    public static string Escape(string? value)
    {
        var text = value ?? string.Empty;
        // Most text holds none of these (a ballot shows every idea on every vote): it is returned as it is.
        if (text.AsSpan().IndexOfAny(Markup) < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        var lineStart = true;
        foreach (var c in text)
        {
            if (c is '\\' or '[' or ']' or '<' or '>' or '`' or '*' or '_' or '|' || (lineStart && c == '#'))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
            lineStart = c == '\n' || (lineStart && c is ' ' or '\t');
        }

        return escaped.ToString();
    }
}

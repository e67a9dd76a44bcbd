using System.Text;

namespace WorkshopBot.Common;

/// <summary>CSV cells from free text, safe to open in a spreadsheet.</summary>
public static class CsvText
{
    /// <summary>
    /// Prefixes an apostrophe to text a spreadsheet would run as a formula (leading <c>= + - @</c>, tab or carriage
    /// return), since exports carry people's free text. Their full-width forms (<c>＝ ＋ － ＠</c>) too: a spreadsheet that
    /// folds character widths may read them as the same.
    /// </summary>
    public static string Defuse(string? value)
    {
        var text = value ?? string.Empty;
        return text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFF20'
            ? "'" + text
            : text;
    }

    /// <summary>
    /// A CSV download's bytes: UTF-8 after its byte order mark, without which Excel on Windows reads the file as
    /// Windows-1252 ("Children’s" comes out garbled).
    /// </summary>
    public static byte[] Utf8File(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)];
    }

    /// <summary>A quoted cell (always quoted), defused.</summary>
    public static string Quoted(string? value) => "\"" + Defuse(value).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A cell quoted only when it must be, defused.</summary>
    public static string Minimal(string? value)
    {
        var safe = Defuse(value);
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}

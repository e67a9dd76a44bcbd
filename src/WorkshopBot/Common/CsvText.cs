namespace WorkshopBot.Common;

/// <summary>CSV cells from free text, safe to open in a spreadsheet.</summary>
public static class CsvText
{
    /// <summary>
    /// Prefixes an apostrophe to text a spreadsheet would run as a formula (leading <c>= + - @</c>, tab or carriage
    /// return), since exports carry people's free text.
    /// </summary>
    public static string Defuse(string? value)
    {
        var text = value ?? string.Empty;
        return text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
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

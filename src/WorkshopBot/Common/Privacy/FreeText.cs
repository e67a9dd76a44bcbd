namespace WorkshopBot.Common.Privacy;

/// <summary>A narrative typed by a person, trimmed and within the length limit.</summary>
public sealed record FreeText
{
    /// <summary>Per-narrative limit: enough for a thorough answer, small enough to read aloud at a workshop.</summary>
    public const int DefaultMaxLength = 4000;

    private FreeText(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    /// <summary>Trims and normalises line endings; empty input becomes an empty string.</summary>
    public static string Normalise(string? text) =>
        (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>Returns a user-facing error when <paramref name="text"/> is too long or contains control
    /// characters; null when it is acceptable. Empty text is acceptable here; whether a field is required is the
    /// caller's rule.</summary>
    public static string? Validate(string? text, string fieldLabel, int maxLength = DefaultMaxLength)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fieldLabel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        var value = Normalise(text);
        if (value.Length > maxLength)
        {
            var over = value.Length - maxLength;
            return $"{fieldLabel} is {value.Length:N0} characters long; the limit is {maxLength:N0}. "
                + $"Please shorten it by {over:N0} character{(over == 1 ? string.Empty : "s")}.";
        }

        // U+FFFE and U+FFFF are no characters at all: a document (DOCX, XLSX) cannot hold them.
        if (value.Any(c => (char.IsControl(c) && c is not '\n' and not '\t') || c is '\uFFFE' or '\uFFFF'))
        {
            return $"{fieldLabel} contains hidden control characters. Please retype it rather than pasting.";
        }

        return null;
    }

    public static bool TryCreate(
        string? text, string fieldLabel, out FreeText value, out string? error, int maxLength = DefaultMaxLength)
    {
        error = Validate(text, fieldLabel, maxLength);
        value = new FreeText(error is null ? Normalise(text) : string.Empty);
        return error is null;
    }
}

using System.Globalization;

namespace WorkshopBot.Common.Teams;

/// <summary>
/// The one place where card inputs, which Teams sends as strings, become dates, numbers, flags, enums, ids and lists. Each
/// method answers null (or false) for anything it cannot read, so a forged or stale card gets a polite answer.
/// </summary>
public static class CardInput
{
    /// <summary>An <c>Input.Date</c> value (yyyy-MM-dd).</summary>
    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>An <c>Input.Number</c> value, invariant culture ("3", "3.0", "2.5").</summary>
    public static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

    /// <summary>A whole number within <paramref name="min"/>..<paramref name="max"/> ("3" and "3.0" are 3; "2.5" is not).</summary>
    public static int? WholeNumber(string? text, int min = int.MinValue, int max = int.MaxValue) =>
        Number(text) is { } d && d == Math.Floor(d) && d >= min && d <= max ? (int)d : null;

    /// <summary>
    /// Like <see cref="WholeNumber"/>, but an empty input takes <paramref name="fallback"/>. False when the input is
    /// there and is not a whole number in range.
    /// </summary>
    public static bool TryWholeNumber(string? text, int fallback, int min, int max, out int value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }

        var parsed = WholeNumber(text, min, max);
        value = parsed ?? 0;
        return parsed is not null;
    }

    /// <summary>An <c>Input.Toggle</c> value: true only for "true" (any case).</summary>
    public static bool Flag(string? text) => string.Equals(text?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A defined member of <typeparamref name="T"/> by its exact name; numbers and unknown names are refused.</summary>
    public static T? Enum<T>(string? text)
        where T : struct, System.Enum =>
        !string.IsNullOrWhiteSpace(text) && !char.IsDigit(text.Trim()[0]) && !text.Trim().StartsWith('-')
            && System.Enum.TryParse<T>(text.Trim(), ignoreCase: false, out var value) && System.Enum.IsDefined(value)
            ? value
            : null;

    /// <summary>An id chosen from an <c>Input.ChoiceSet</c> whose values are GUIDs (a return, an audit).</summary>
    public static Guid? Id(string? text) => Guid.TryParse(text?.Trim(), out var id) ? id : null;

    /// <summary>A multi-select <c>Input.ChoiceSet</c> value: comma-separated, trimmed, empty parts dropped.</summary>
    public static IReadOnlyList<string> List(string? text, char separator = ',') =>
        (text ?? string.Empty).Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

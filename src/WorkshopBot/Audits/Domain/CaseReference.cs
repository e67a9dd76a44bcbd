using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Domain;

/// <summary>
/// A pseudonymous case reference such as <c>NAI-2026-03-C2</c>. The key linking it to a real child stays in
/// the lead agency's systems, so the reference itself must carry nothing that could identify the child.
/// </summary>
public sealed partial record CaseReference
{
    public const int MinLength = 3;
    public const int MaxLength = 40;
    private const string Example = "NAI-2026-03-C2";

    // Letters-only segments longer than this read as words (possibly surnames); these few are audit vocabulary.
    private const int MaxPlainWordLength = 4;
    private static readonly FrozenSet<string> AllowedWords = new[]
    {
        "CASE", "AUDIT", "MACA", "NEGLECT", "CHILD", "BABY", "THEME",
    }.ToFrozenSet(StringComparer.Ordinal);

    [JsonConstructor]
    private CaseReference(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    public static DomainResult<CaseReference> Create(string? text)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.Length is < MinLength or > MaxLength)
        {
            return Fail($"A case reference is {MinLength} to {MaxLength} characters, for example {Example}.");
        }

        if (value.Any(char.IsWhiteSpace))
        {
            return Fail($"A case reference has no spaces. Join the parts with hyphens, for example {Example}.");
        }

        if (value.Any(char.IsLower))
        {
            return Fail($"Use capital letters and digits only, for example {Example}. "
                + "Lower-case words can look like names.");
        }

        if (!ShapePattern().IsMatch(value))
        {
            return Fail("A case reference is made of parts of 2 to 10 capital letters or digits joined by hyphens, "
                + $"for example {Example}.");
        }

        var segments = value.Split('-');
        if (segments.Any(s => s.All(char.IsAsciiLetter) && s.Length > MaxPlainWordLength && !AllowedWords.Contains(s)))
        {
            return Fail("A case reference must not contain a name or word that could identify the child. "
                + $"Use a theme code, year, month and case number, for example {Example}.");
        }

        if (LongDigitRun().IsMatch(value))
        {
            return Fail("A case reference must not contain a long number; it could be an NHS or phone number.");
        }

        if (ContainsDate(segments))
        {
            return Fail("A case reference must not contain a date; a full date could be a date of birth.");
        }

        if (IdentifierScanner.Default.Scan(value).Count > 0 || IdentifierScanner.Default.Scan(value.Replace('-', ' ')).Count > 0)
        {
            return Fail("This case reference looks like personal information (for example a postcode). "
                + $"Use the pseudonymous reference from the lead agency, for example {Example}.");
        }

        return DomainResult<CaseReference>.Ok(new CaseReference(value));
    }

    private static DomainResult<CaseReference> Fail(string message) =>
        DomainResult<CaseReference>.Fail(DomainErrorKind.Invalid, message);

    private static bool ContainsDate(string[] segments)
    {
        // A full date as one block: DDMMYY, DDMMYYYY or YYYYMMDD.
        if (segments.Any(s => s.All(char.IsAsciiDigit) && s.Length is 6 or 8 && IsCompactDate(s)))
        {
            return true;
        }

        // A full date spread over three consecutive parts: D-M-Y or Y-M-D. Year-month alone (2026-03) is fine.
        for (var i = 0; i + 2 < segments.Length; i++)
        {
            if (TryNumber(segments[i], out var a) && TryNumber(segments[i + 1], out var b) && TryNumber(segments[i + 2], out var c)
                && (IsDate(a, b, c) || IsDate(c, b, a)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCompactDate(string s) => s.Length == 6
        ? IsDate(Int(s[..2]), Int(s[2..4]), Int(s[4..]))
        : IsDate(Int(s[..2]), Int(s[2..4]), Int(s[4..])) || IsDate(Int(s[6..]), Int(s[4..6]), Int(s[..4]));

    private static bool IsDate(int day, int month, int year)
    {
        if (year < 100)
        {
            year += 2000;
        }

        return year is >= 1900 and <= 2199 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static bool TryNumber(string s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static int Int(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[A-Z0-9]{2,10}(?:-[A-Z0-9]{2,10})*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ShapePattern();

    [GeneratedRegex(@"\d{7,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LongDigitRun();
}

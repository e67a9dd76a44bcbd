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
/// The rule: capital letters and digits in parts of 2 to 10 joined by hyphens, at least one digit, and no part
/// (nor any run of letters inside a part) that is a first name or surname in the gazetteer, at any length
/// (so MIA-KHAN, KHAN-C1 and AMY-LEE are refused), nor a run of five or more letters outside the audit words
/// below; no date, long number or postcode. A refusal states the rule and points to the partnership's own
/// reference; it never suggests how to reshape a name into something that passes.
/// </summary>
public sealed partial record CaseReference
{
    public const int MinLength = 3;
    public const int MaxLength = 40;
    private const string Example = "NAI-2026-03-C2";
    private const string UseYourReference = "Use your partnership's reference, such as " + Example + ".";

    /// <summary>The rule, as the refusals state it.</summary>
    public const string Rule =
        "A case reference contains at least one digit and no part that is a first name or surname, however short.";

    // Runs of letters this long read as words (possibly names outside the gazetteer); these few are audit vocabulary.
    private const int MinWordLength = 5;
    private static readonly FrozenSet<string> AllowedWords = new[]
    {
        "CASE", "AUDIT", "MACA", "NEGLECT", "CHILD", "BABY", "THEME", "SUDI", "HOTH",
    }.ToFrozenSet(StringComparer.Ordinal);

    [JsonConstructor]
    private CaseReference(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    public static DomainResult<CaseReference> Create(string? text)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.Length > MaxLength)
        {
            // Refused for its length before anything else looks at it, in the words every typed input uses.
            return Fail(FreeText.Validate(value, "The case reference", MaxLength)!);
        }

        if (value.Length < MinLength)
        {
            return Fail($"A case reference is {MinLength} to {MaxLength} characters. {UseYourReference}");
        }

        // Names first, whatever the shape: "Mia Khan" and "mia-khan" get the same answer as "MIA-KHAN".
        if (ContainsName(value))
        {
            return Fail($"A case reference must not contain a name. {Rule} {UseYourReference}");
        }

        if (!value.Any(char.IsAsciiDigit))
        {
            return Fail($"{Rule} {UseYourReference}");
        }

        if (value.Any(char.IsWhiteSpace))
        {
            return Fail($"A case reference has no spaces. {UseYourReference}");
        }

        if (value.Any(char.IsLower))
        {
            return Fail($"A case reference uses capital letters and digits only. {UseYourReference}");
        }

        if (!ShapePattern().IsMatch(value))
        {
            return Fail($"A case reference is made of parts of 2 to 10 capital letters or digits joined by hyphens. {UseYourReference}");
        }

        var segments = value.Split('-');
        if (LongDigitRun().IsMatch(value))
        {
            return Fail("A case reference must not contain a long number; it could be an NHS or phone number. " + UseYourReference);
        }

        if (ContainsDate(segments))
        {
            return Fail("A case reference must not contain a date; a full date could be a date of birth. " + UseYourReference);
        }

        var scanner = IdentifierScanner.Default;
        var found = new IdentifierCheck([.. scanner.Scan(value), .. scanner.Scan(value.Replace('-', ' '))]);
        if (found.Unchecked)
        {
            return Fail(found.Summary);
        }

        if (found.HasFindings)
        {
            return Fail("This case reference looks like personal information (for example a postcode). " + UseYourReference);
        }

        return DomainResult<CaseReference>.Ok(new CaseReference(value));
    }

    /// <summary>True when a part of the reference, or a run of letters inside a part, is a first name or surname,
    /// or a word of five or more letters that is not audit vocabulary.</summary>
    private static bool ContainsName(string value)
    {
        foreach (Match run in LetterRun().Matches(value))
        {
            var letters = run.Value.Replace("'", string.Empty, StringComparison.Ordinal);
            if (letters.Length >= 2 && NameGazetteer.IsName(letters))
            {
                return true;
            }

            if (letters.Length >= MinWordLength && !AllowedWords.Contains(letters.ToUpperInvariant()))
            {
                return true;
            }
        }

        return false;
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

    // Letters, with an apostrophe inside ("O'BRIEN"), between anything that is not a letter.
    [GeneratedRegex(@"\p{L}+(?:['’]\p{L}+)*", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LetterRun();
}

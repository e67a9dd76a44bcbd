using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// Finds direct identifiers (NHS numbers, dates of birth, postcodes, phone numbers, email addresses and
/// labelled names) in free text before it is stored. Rules are deliberately conservative: a false alarm costs
/// the author a click, so patterns that ordinary audit prose uses (month-year dates, counts, years, meeting
/// dates) are not flagged.
/// </summary>
public sealed partial class IdentifierScanner
{
    private const int RegexTimeoutMs = 1000;

    // Words that, shortly before a full date in the same sentence, show it is a process date, not a birth date.
    private static readonly string[] ProcessDateCues =
        ["met", "meet", "meeting", "held", "published", "publication", "workshop", "panel", "audited", "conference",
         "issued", "updated", "dated"];

    // Capitalised words that follow "called" / "Baby" / "name is" in ordinary prose and are not personal names.
    private static readonly FrozenSet<string> NotNames = new[]
    {
        "A", "An", "The", "This", "That", "It", "He", "She", "They", "We", "I", "His", "Her", "Their",
        "Police", "Children", "Childrens", "Children's", "Social", "Care", "Health", "Early", "Help", "Hospital",
        "School", "Strategy", "Child", "Protection", "Team", "Services", "Service", "Mother", "Father", "Mum",
        "Dad", "Baby", "Parent", "Parents", "Carer", "Unknown", "Not", "Redacted", "Withheld", "None", "Board",
        "Partnership", "Safeguarding", "Multi", "Agency", "Conference", "Meeting", "Panel", "Group", "Unit",
        "Clinic", "Room", "Box", "Bank", "Friendly", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December", "Toxic", "Think", "Family", "Signs", "Safety",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;

    private readonly HashSet<string> _allowedEmails;
    private readonly HashSet<string> _allowedPhones;

    public IdentifierScanner()
        : this(IdentifierScannerOptions.None)
    {
    }

    public IdentifierScanner(IdentifierScannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _allowedEmails = new HashSet<string>(options.AllowedEmails.Select(e => e.Trim()), StringComparer.OrdinalIgnoreCase);
        _allowedPhones = new HashSet<string>(
            options.AllowedPhoneNumbers.Select(NormalisePhone).Where(p => p.Length > 0), StringComparer.Ordinal);
    }

    /// <summary>A scanner with no allowed contacts; immutable, safe to share.</summary>
    public static IdentifierScanner Default { get; } = new();

    public IdentifierCheck Check(string? text) => new(Scan(text ?? string.Empty));

    public IReadOnlyList<IdentifierFinding> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        // Order matters: when two rules match overlapping text, the earlier (more specific) rule wins.
        var candidates = new List<IdentifierFinding>();
        candidates.AddRange(FindEmails(text));
        candidates.AddRange(FindPhoneNumbers(text));
        candidates.AddRange(FindNhsNumbers(text));
        candidates.AddRange(FindLabelledBirthDates(text));
        candidates.AddRange(FindFullDates(text));
        candidates.AddRange(FindPostcodes(text));
        candidates.AddRange(FindNames(text));

        var kept = new List<IdentifierFinding>();
        foreach (var candidate in candidates)
        {
            if (!kept.Any(k => k.Overlaps(candidate)))
            {
                kept.Add(candidate);
            }
        }

        return kept.OrderBy(f => f.Start).ToList();
    }

    private IEnumerable<IdentifierFinding> FindEmails(string text)
    {
        foreach (Match m in EmailPattern().Matches(text))
        {
            if (!_allowedEmails.Contains(m.Value))
            {
                yield return Finding(IdentifierKind.Email, m.Index, m.Value, "an email address");
            }
        }
    }

    private IEnumerable<IdentifierFinding> FindPhoneNumbers(string text)
    {
        foreach (Match m in PhonePattern().Matches(text))
        {
            var value = m.Value.TrimEnd(' ', '-');
            var digits = NormalisePhone(value);
            var isUkNumber = digits.Length == 11
                && digits[0] == '0'
                && digits[1] is '1' or '2' or '3' or '7';
            if (isUkNumber && !_allowedPhones.Contains(digits))
            {
                yield return Finding(IdentifierKind.PhoneNumber, m.Index, value, "a phone number");
            }
        }
    }

    private static IEnumerable<IdentifierFinding> FindNhsNumbers(string text)
    {
        foreach (Match m in NhsPattern().Matches(text))
        {
            if (NhsNumber.IsValid(m.Value))
            {
                yield return Finding(IdentifierKind.NhsNumber, m.Index, m.Value, "an NHS number");
            }
        }
    }

    private static IEnumerable<IdentifierFinding> FindLabelledBirthDates(string text)
    {
        foreach (Match m in LabelledBirthDatePattern().Matches(text))
        {
            yield return Finding(IdentifierKind.DateOfBirth, m.Index, m.Value.TrimEnd(), "a date of birth");
        }
    }

    private static IEnumerable<IdentifierFinding> FindFullDates(string text)
    {
        foreach (var m in NumericDatePattern().Matches(text).Concat(IsoDatePattern().Matches(text))
                     .Concat(DayMonthYearPattern().Matches(text)).Concat(MonthDayYearPattern().Matches(text)))
        {
            if (IsRealDate(m) && !IsProcessDate(text, m.Index))
            {
                yield return Finding(IdentifierKind.DateOfBirth, m.Index, m.Value, "a date of birth");
            }
        }
    }

    private static IEnumerable<IdentifierFinding> FindPostcodes(string text)
    {
        foreach (Match m in PostcodePattern().Matches(text))
        {
            yield return Finding(IdentifierKind.Postcode, m.Index, m.Value, "a postcode");
        }
    }

    private static IEnumerable<IdentifierFinding> FindNames(string text)
    {
        foreach (var m in NameLabelPattern().Matches(text).Concat(CalledPattern().Matches(text))
                     .Concat(BabyNamePattern().Matches(text)))
        {
            var name = m.Groups["name"];
            var words = name.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0 && !NotNames.Contains(words[0]))
            {
                yield return Finding(IdentifierKind.PersonName, name.Index, name.Value, "a person's name");
            }
        }
    }

    private static IdentifierFinding Finding(IdentifierKind kind, int start, string value, string description) =>
        new(kind, start, value.Length, value, $"This looks like {description} ({value}).");

    private static string NormalisePhone(string value)
    {
        var digits = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        var result = digits.ToString();
        if (value.TrimStart().StartsWith('+') && result.StartsWith("44", StringComparison.Ordinal))
        {
            // +44 (0)20 ... keeps a redundant trunk zero; +44 20 ... drops it.
            result = result[2..];
            result = result.StartsWith('0') ? result : "0" + result;
        }

        return result;
    }

    private static bool IsRealDate(Match m)
    {
        if (!int.TryParse(m.Groups["y"].Value, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(m.Groups["d"].Value, CultureInfo.InvariantCulture, out var day))
        {
            return false;
        }

        var monthText = m.Groups["m"].Value;
        if (!int.TryParse(monthText, CultureInfo.InvariantCulture, out var month))
        {
            month = Array.FindIndex(MonthNames, n => n.Length > 0
                && n.StartsWith(monthText[..3], StringComparison.OrdinalIgnoreCase)) + 1;
        }

        if (year < 100)
        {
            year += 2000;
        }

        return month is >= 1 and <= 12 && year is >= 1900 and <= 2199 && day >= 1
            && day <= DateTime.DaysInMonth(year, month);
    }

    private static bool IsProcessDate(string text, int dateStart)
    {
        // Look back over the same sentence only, at most 60 characters.
        var from = Math.Max(0, dateStart - 60);
        var before = text[from..dateStart];
        var sentenceBreak = before.LastIndexOfAny(['.', '!', '?', '\n']);
        if (sentenceBreak >= 0)
        {
            before = before[(sentenceBreak + 1)..];
        }

        var words = WordPattern().Matches(before).Select(w => w.Value);
        return words.Any(w => ProcessDateCues.Contains(w, StringComparer.OrdinalIgnoreCase));
    }

    private const string MonthAlternation =
        "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?";

    [GeneratedRegex(@"(?<![\w.%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex EmailPattern();

    // +44 or a leading 0, then ten more digits with optional single space/hyphen/bracket separators.
    [GeneratedRegex(@"(?<![\w+])(?:\+44[ \-]?(?:\(0\)[ \-]?)?|\(?0)(?:\d[ \-\)]{0,2}){9}\d(?!\d)",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex PhonePattern();

    // Ten digits, either unbroken or in 3-3-4 groups with the same separator, not part of a longer number.
    [GeneratedRegex(@"(?<!\d[ \-]?)\d{3}([ \-]?)\d{3}\1\d{4}(?![ \-]?\d)",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex NhsPattern();

    // A birth label followed by anything date-like, even a month and year only or a partial date.
    [GeneratedRegex(@"\b(?:D\.?O\.?B\b\.?|date\s+of\s+birth|born)[\s:\-]*(?:(?:is|was|on|in|the)\s+)*(?:\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?|(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:" + MonthAlternation + @")\b\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?(?:\s+\d{4})?|\d{4}-\d{2}-\d{2})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex LabelledBirthDatePattern();

    [GeneratedRegex(@"(?<![\d/.\-])(?<d>\d{1,2})(?<sep>[/.\-])(?<m>\d{1,2})\k<sep>(?<y>\d{4}|\d{2})(?![\d/.\-]\d)",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex NumericDatePattern();

    [GeneratedRegex(@"(?<![\d\-])(?<y>(?:19|20)\d{2})-(?<m>\d{2})-(?<d>\d{2})(?![\d\-])",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex IsoDatePattern();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<m>" + MonthAlternation + @")\.?,?\s+(?<y>\d{4})\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex DayMonthYearPattern();

    [GeneratedRegex(@"\b(?<m>" + MonthAlternation + @")\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex MonthDayYearPattern();

    // Full UK postcode pattern including GIR 0AA; optional space; case-insensitive; whole words only.
    [GeneratedRegex(@"\b(?:GIR ?0AA|(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRV-Y]?) ?[0-9][ABD-HJLNP-UW-Z]{2})\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex PostcodePattern();

    // "child's name is X", "name: X", "her name was X Y" - the label is case-insensitive, the name must be capitalised.
    [GeneratedRegex(@"(?<!(?i:agency|team|service|organisation|organization|school|hospital|setting|trust|practice|file|user|case|document|project|programme|group|tool|audit)['’]?s?\s)(?i:\bname)\s*(?:(?i:is|was)\s+|:\s*)(?<name>[A-Z][a-z][a-z'\-]*(?: [A-Z][a-z][a-z'\-]*)?)\b",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex NameLabelPattern();

    [GeneratedRegex(@"(?<!\bso[ \-])(?i:\bcalled)\s+(?<name>[A-Z][a-z][a-z'\-]*)\b",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex CalledPattern();

    // Single-letter pseudonyms ("Baby C") are the anonymisation convention, so only a real-looking word is flagged.
    [GeneratedRegex(@"\bBaby\s+(?<name>[A-Z][a-z][a-z'\-]+)\b",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex BabyNamePattern();

    [GeneratedRegex(@"[A-Za-z]+", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex WordPattern();
}

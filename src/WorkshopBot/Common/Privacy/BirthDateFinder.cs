using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// Tells dates of birth from the dates of events. The rule, in order (the first that applies decides):
/// <list type="number">
/// <item>A birth label (DOB, d.o.b., date of birth, birth date, born, b., birthday, delivered) flags any date it
/// introduces, even a month and year ("born in June 2023"), unless an event word stands between the label and the
/// date ("born at 34 weeks; new birth visit 10/10/2023" is the visit). In a table, a birth label in the header over
/// a date's cell introduces it too, and one before a date split over cells ("| DOB | 01 | 02 | 2019 |"), see
/// BirthDateFinder.Tables.cs.</item>
/// <item>A full date written right after a person flags: after a name, a pseudonym or a relation set off by a comma
/// or a bracket ("Tyler, 17/08/2016", "Baby C (3.4.24)", "Sibling 2 (2.6.18)", "The child (14/09/2019)"), or after an
/// age ("aged 4, 12/05/2020"). This wins over an event word: "Referral for Child A (12/03/2019)".</item>
/// <item>A full date introduced by an event is an event date and is not flagged: the event word comes earlier in
/// the same sentence ("referral received", "ICPC convened", "strategy discussion on", "seen at A&amp;E", "case
/// closed", "returns due by", "survey completed", "home visit") or, in a chronology line that starts with the date,
/// just after it ("04/10/2023 - strategy discussion held").</item>
/// <item>A full date followed by an age or a relation in brackets flags: "12/05/2016 (8 years)", "02.03.1988
/// (mother)".</item>
/// <item>A full date introduced only by a time word (on, by, from, until, since, between, after, before, during,
/// dated, w/c) is an event date: "On 12/03/2024 mother rang", "between 01/09/2023 and 31/12/2023".</item>
/// <item>A bare full date, with none of the above, is flagged as a possible date of birth, with a message saying
/// how to show it is an event ("seen on ..."). A full date on its own is how a date of birth is usually written in
/// a list of a child's details, and the author can clear it in one edit rather than a confirmation.</item>
/// </list>
/// The second date of a range ("12/03/2024 - 14/03/2024") is read as the first one is.
/// Month-and-year dates ("March 2019"), day-and-month dates ("4th May") and years are never flagged unless labelled.
/// </summary>
internal static partial class BirthDateFinder
{
    private const int RegexTimeoutMs = 1000;
    private const int LookBack = 90;
    private const int LookAhead = 45;
    private const int ChronologyWords = 5;

    public const string BirthMessage = "a date of birth";

    private static readonly ImmutableArray<string> MonthNames = [.. CultureInfo.InvariantCulture.DateTimeFormat.MonthNames];

    /// <summary>
    /// Dates of birth in <paramref name="text"/>: (start, matched text, true when it is a bare date, true when a birth label
    /// introduces it: "DOB 12/03/2019", "born on 12/03/2019", "12/03/2019 (date of birth)").
    /// </summary>
    public static IEnumerable<(int Start, string Text, bool Bare, bool Labelled)> Find(
        string text, IReadOnlyList<TextWord> words, IReadOnlyList<(int Start, int End)> names)
    {
        foreach (Match m in LabelledBirthDatePattern().Matches(text))
        {
            yield return (m.Index, m.Value.TrimEnd(), false, true);
        }

        // Tables: a date split over cells that a birth label or a person anchors, and the header over a date's cell.
        var nameEnds = names.Select(n => n.End).ToHashSet();
        var table = PipeTable.Read(text, (from, to) => IsTableLabel(text, words, from, to));
        foreach (var (start, end, labelled) in SplitOverCells(text, table, (from, to) => IsTableLabel(text, words, from, to),
                     (from, to) => DateContext.IsPersonCell(words, nameEnds, from, to)))
        {
            yield return (start, text[start..end], false, labelled);
        }

        var (previousEnd, previous) = (-1, DateKind.Bare);
        foreach (var m in FullDates(text).OrderBy(m => m.Index))
        {
            // The second date of a range is what the first is: "12/03/2024 - 14/03/2024 admitted".
            var verdict = previousEnd >= 0 && previousEnd <= m.Index && RangeJoin().IsMatch(text[previousEnd..m.Index])
                ? previous
                : Classify(text, words, nameEnds, table, m.Index, m.Index + m.Length);
            (previousEnd, previous) = (m.Index + m.Length, verdict);
            if (verdict != DateKind.Event)
            {
                yield return (m.Index, m.Value, verdict == DateKind.Bare, verdict == DateKind.Labelled);
            }
        }
    }

    private enum DateKind
    {
        /// <summary>A birth label introduces it ("DOB", "born on").</summary>
        Labelled,

        /// <summary>A person introduces it ("Tyler, 17/08/2016"), or it introduces a person.</summary>
        Birth,
        Event,
        Bare,
    }

    private static DateKind Classify(
        string text, IReadOnlyList<TextWord> words, IReadOnlySet<int> nameEnds, PipeTable table, int start, int end)
    {
        var clauseStart = DateContext.ClauseStart(text, start, LookBack);
        var before = text[clauseStart..start];
        var lastBirth = LastMatchEnd(BirthCuePattern(), before);
        var lastEvent = EventWords.LastEventEnd(words, clauseStart, start);
        if (lastBirth >= 0 && clauseStart + lastBirth >= lastEvent)
        {
            return DateKind.Labelled;
        }

        if (IsUnderBirthHeader(words, table, start, end))
        {
            return DateKind.Labelled;
        }

        if (DateContext.IsAfterPerson(text, words, nameEnds, start))
        {
            return DateKind.Birth;
        }

        // "Look back period: 01/04/2023 to 31/03/2024": a range after a period's label spans events, not a birth.
        if (lastEvent >= 0 || DateContext.IsAfterAgency(text, words, start)
            || (PeriodBefore().IsMatch(before) && RangeAfter().IsMatch(text, end)))
        {
            return DateKind.Event;
        }

        if (DateContext.IsFollowedByPerson(text, end))
        {
            return DateKind.Birth;
        }

        var clauseEnd = DateContext.ClauseEnd(text, end, LookAhead);
        var after = text[end..clauseEnd];
        var startsClause = ClauseOpening().IsMatch(before);
        var birthAfter = BirthCuePattern().Match(after);
        if (birthAfter.Success && (startsClause || birthAfter.Index <= 4))
        {
            return DateKind.Labelled;
        }

        if ((startsClause && EventWords.AnyEventAfter(words, end, clauseEnd, ChronologyWords)) || TimeWordBefore().IsMatch(before))
        {
            return DateKind.Event;
        }

        return DateKind.Bare;
    }

    private static int LastMatchEnd(Regex pattern, string window)
    {
        var last = -1;
        foreach (Match m in pattern.Matches(window))
        {
            last = m.Index + m.Length;
        }

        return last;
    }

    private static IEnumerable<Match> FullDates(string text) =>
        NumericDatePattern().Matches(text)
            .Concat(IsoDatePattern().Matches(text))
            .Concat(DayMonthYearPattern().Matches(text))
            .Concat(MonthDayYearPattern().Matches(text))
            .Where(IsRealDate);

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
            var prefix = monthText[..3];
            month = MonthNames.IndexOf(MonthNames.FirstOrDefault(
                n => n.Length > 0 && n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) ?? string.Empty) + 1;
        }

        return IsRealDate(day, month, year);
    }

    private static bool IsRealDate(int day, int month, int year)
    {
        if (year < 100)
        {
            year += 2000;
        }

        return month is >= 1 and <= 12 && year is >= 1900 and <= 2199 && day >= 1
            && day <= DateTime.DaysInMonth(year, month);
    }

    private const string MonthAlternation =
        "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?"
        + "|Nov(?:ember)?|Dec(?:ember)?";

    // A day written as a word: "DOB the fourth of March 2019", "born on the twenty-first of June".
    private const string OrdinalDays = @"(?:(?:twenty|thirty)[\s\-]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
        + "|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth";

    private const string OneToNine = "one|two|three|four|five|six|seven|eight|nine";

    private const string Teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";

    // A day written as a number in words or an ordinal: "four", "twenty-one", "the fourth".
    private const string DayWords = @"(?:(?:twenty|thirty)[\s\-]?)?(?:" + OneToNine + ")|" + Teens + "|twenty|thirty|" + OrdinalDays;

    // A month written as a number in words or an ordinal: "three", "the third".
    private const string MonthWords = OneToNine + "|ten|eleven|twelve|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
        + "|tenth|eleventh|twelfth";

    // A year in words: "two thousand and nineteen", "twenty nineteen", "twenty oh five", "nineteen ninety-eight".
    private const string YearWords = @"two\s+thousand(?:\s+and)?(?:\s+(?:" + Teens + @"|twenty(?:[\s\-](?:" + OneToNine + "))?|"
        + OneToNine + @"))?|twenty[\s\-](?:oh[\s\-](?:" + OneToNine + ")|" + Teens + @"|twenty(?:[\s\-](?:" + OneToNine + @"))?)"
        + @"|nineteen[\s\-](?:seventy|eighty|ninety)(?:[\s\-](?:" + OneToNine + "))?";

    // The last two digits of a year in words, after a day and a month in words: "DOB four three nineteen".
    private const string ShortYearWords = Teens + @"|twenty(?:[\s\-](?:" + OneToNine + @"))?|oh[\s\-](?:" + OneToNine + ")";

    // A birth label followed by anything date-like, even a month and year only, a partial date, a date typed without
    // separators as a system prints it ("DOB 03032024", "dob 030324") or one with colons or pipes that has a time's
    // shape elsewhere ("DOB 01:02:19"; FoldedText reads other dates with colons or pipes as slashes), with spaces around
    // its separators ("DOB 04 / 03 / 2019"), with the day as a word ("the fourth of March 2019"), or year first
    // ("DOB 2019/05/03", "DOB 2019-5-3", "DOB 20190503", as systems print it), or all in words, the year too ("DOB four
    // three nineteen", "born on the fourth of the third, twenty nineteen"; without the year "born the second of two twins"
    // is no date). "Delivered" is
    // left to full dates (see BirthCuePattern): "training delivered in June 2023" is no birth.
    [GeneratedRegex(@"(?:\b(?:D\.?\s?O\.?\s?B(?![a-z])\.?|date\s+of\s+birth|birth\s*date|birthday|born)|(?<![\w.])b\.(?=\s*\d))[\s:\-–—]*"
        + @"(?:(?:is|was|on|in|the)\s+)*(?:\d{1,2}[ \t]+[/.\-–—][ \t]*\d{1,2}[ \t]*[/.\-–—][ \t]*\d{2,4}(?!\d)"
        + @"|\d{1,2}[ \t]*[/.\-–—][ \t]+\d{1,2}[ \t]*[/.\-–—][ \t]*\d{2,4}(?!\d)|(?:19|20)\d{2}(?<ys>[/.\-–—])\d{1,2}\k<ys>\d{1,2}(?!\d)"
        + @"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)"
        + @"|\d{1,2}[/.\-–—]\d{1,2}(?:[/.\-–—]\d{2,4})?|\d{1,2}\s\d{1,2}\s(?:\d{4}|\d{2})\b"
        + @"|(?:(?:\d{1,2}(?:st|nd|rd|th)?|" + OrdinalDays + @")\s+(?:of\s+)?)?(?:" + MonthAlternation
        + @")\b\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?\b,?)?(?:,?\s+(?:\d{4}|" + YearWords + @")\b)?|\d{4}[\-–—]\d{2}[\-–—]\d{2}"
        + @"|(?:" + DayWords + @")[\s,/.\-–—]+(?:of\s+(?:the\s+)?)?(?:" + MonthWords + @")\b[\s,/.\-–—]+(?:" + YearWords
        + "|" + ShortYearWords + @")\b"
        + @"|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:(?:19|20)\d{2}|\d{2})(?!\d)"
        + @"|(?:0?[1-9]|[12]\d|3[01])(?<ls>[:|])(?:0?[1-9]|1[0-2])\k<ls>\d{2}(?!\d))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex LabelledBirthDatePattern();

    [GeneratedRegex(@"(?<![\d/.\-])(?<d>\d{1,2})(?<sep>[/.\-–—])(?<m>\d{1,2})\k<sep>(?<y>\d{4}|\d{2})(?![\d/.\-]\d)",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex NumericDatePattern();

    // Year first, as systems print a date ("2019-03-14", "2019/03/14", "2019.3.14"): read as the same date written day
    // first would be, so bare it may be a date of birth and after an event or a time word it is the event's date.
    [GeneratedRegex(@"(?<![\d/.\-–—])(?<y>(?:19|20)\d{2})(?<sep>[/.\-–—])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})(?![\d/.\-–—]\d|\d)",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex IsoDatePattern();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?[\s\-–—]+(?:of\s+)?(?<m>" + MonthAlternation + @")\.?,?[\s\-–—]+(?<y>\d{4})\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex DayMonthYearPattern();

    [GeneratedRegex(@"\b(?<m>" + MonthAlternation + @")\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex MonthDayYearPattern();

    [GeneratedRegex(@"\b(?:d\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|birth\s*date|birthday|born|delivered|birth)\b"
        + @"|(?<![\w.])b\.(?=\s*\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex BirthCuePattern();

    // A time word right before the date: "on 12/03/2024", "between 01/09/2023", "w/c 04/03/2024".
    [GeneratedRegex(@"(?:\b(?:on|by|from|until|till|to|since|between|and|after|before|during|dated|of|w/c|wc|commencing)"
        + @"|\bas\s+of)[\s,]*(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex TimeWordBefore();

    [GeneratedRegex(@"^\s*(?:-|–|—|to|and|until|till)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex RangeJoin();

    // The label of a period right before the date: "Look back period:", "Timeframe", "Look-back", "Scope -".
    [GeneratedRegex(@"\b(?:period|time\s*frame|look[\s\-]*back|scope)\b[\s:\-–—(]*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex PeriodBefore();

    // A range's join and the start of its second date, right after a date: " to 31/03/2024", " - 31/03/2024".
    [GeneratedRegex(@"\G\s*(?:-|–|—|to|until|till)\s*\d", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex RangeAfter();

    // Nothing but a bullet, a number, a table's cell border or "On" between the start of the clause and the date: a
    // chronology line, written as text or as a table's row ("| 01/02/2019 | Strategy discussion held |").
    [GeneratedRegex(@"^[\s\-–•*·>(\d.)|｜∣¦]*(?:on\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex ClauseOpening();
}

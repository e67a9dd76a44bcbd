using System.Text;
using System.Text.RegularExpressions;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// Finds direct identifiers (NHS numbers, dates of birth, postcodes, phone numbers, email addresses and people's
/// names) in free text before it is stored. A false alarm costs the author a click and teaches people to click
/// through the warning, so each rule looks at what introduces the text: a name needs a cue ("her mother Aisha") or
/// a full name from the gazetteer ("Piotr Nowak"), see <see cref="NameFinder"/>; a date is a date of birth only
/// when labelled, next to a person or bare, never when an event introduces it, see <see cref="BirthDateFinder"/>.
/// Every rule is a single pass or a bounded look-around, so a scan is linear in the length of the text.
/// </summary>
public sealed partial class IdentifierScanner
{
    private const int RegexTimeoutMs = 1000;

    private readonly HashSet<string> _allowedEmails;
    private readonly HashSet<string> _allowedPhones;
    private readonly Action<string> _beforeScan;

    public IdentifierScanner()
        : this(IdentifierScannerOptions.None)
    {
    }

    public IdentifierScanner(IdentifierScannerOptions options)
        : this(options, static _ => { })
    {
    }

    /// <summary>
    /// A scanner that runs <paramref name="beforeScan"/> on each text before reading it: a test's seam to make a scan run
    /// out of time (throw <see cref="RegexMatchTimeoutException"/>) as it would on a starved machine.
    /// </summary>
    internal IdentifierScanner(IdentifierScannerOptions options, Action<string> beforeScan)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(beforeScan);
        _beforeScan = beforeScan;
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

        // A pattern can run out of time (each has RegexTimeoutMs) only when the machine starved the scan: every rule is
        // linear, and a garbage collection or a busy core that stalls the thread counts against the pattern's clock. So
        // the text is read once more before the author is refused; the second reading has its own time.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _beforeScan(text);
                return ScanFolded(text);
            }
            catch (RegexMatchTimeoutException) when (attempt < ScanAttempts)
            {
            }
            catch (RegexMatchTimeoutException)
            {
                // Out of time twice. The text was not checked, so it is one finding that cannot be confirmed: every
                // caller refuses to store it, none answers 500.
                return [new IdentifierFinding(IdentifierKind.Unchecked, 0, text.Length, text, UncheckedMessage)];
            }
        }
    }

    /// <summary>How many times a text is read before a scan that keeps running out of time refuses it.</summary>
    internal const int ScanAttempts = 2;

    /// <summary>What the author is told when their text could not be checked.</summary>
    public const string UncheckedMessage = "This text could not be checked for personal information just now. Please try again.";

    private IReadOnlyList<IdentifierFinding> ScanFolded(string text)
    {
        // Read what the author sees, not the code points that hide an identifier from a pattern (see FoldedText).
        var folded = FoldedText.Fold(text);
        IEnumerable<IdentifierFinding> findings = KeepApart(FindIn(folded.Text).Concat(FindNamesTypedWithDigits(folded.Text)))
            .Select(f => folded.ToOriginal(f, text)).ToList();
        if (folded.HasInvisible)
        {
            // An invisible character read as nothing joins two words ("mother\u200BAisha", "DOB\u200B12/03/2019"); read
            // as a space it splits them again. Both readings count; where they overlap, the first one's finding is kept.
            var split = FoldedText.Fold(text, invisibleAsSpace: true);
            findings = KeepApart(findings.Concat(FindIn(split.Text).Select(f => split.ToOriginal(f, text))));
        }

        if (!FoldedText.HasLettersForDigits(text))
        {
            return [.. findings];
        }

        // Letters typed for digits ("O77OO 9OO123", "943 476 59l9"): read once more with them as digits, for the numbers
        // alone, so that a lower-case postcode ("ol6 7ab", "l60 6rd") is still read as typed.
        var digits = FoldedText.Fold(text, invisibleAsSpace: folded.HasInvisible, lettersAsDigits: true);
        return KeepApart(findings.Concat(FindIn(digits.Text)
            .Where(f => f.Kind is IdentifierKind.NhsNumber or IdentifierKind.PhoneNumber or IdentifierKind.DateOfBirth)
            .Select(f => digits.ToOriginal(f, text))));
    }

    private List<IdentifierFinding> FindIn(string text)
    {
        var words = TextWord.Split(text);
        var names = NameFinder.Find(text, words);

        // Order matters: when two rules match overlapping text, the earlier (more specific) rule wins.
        var candidates = new List<IdentifierFinding>();
        candidates.AddRange(FindEmails(text));
        candidates.AddRange(FindPhoneNumbers(text));
        candidates.AddRange(FindNhsNumbers(text));
        candidates.AddRange(FindNhsNumbersWithFillers(text));
        candidates.AddRange(FindSpokenNumbers(text));
        candidates.AddRange(BirthDateFinder.Find(text, words, names).Select(d => d.Bare
            ? new IdentifierFinding(IdentifierKind.DateOfBirth, d.Start, d.Text.Length, d.Text,
                $"This could be a date of birth ({d.Text}). If it is the date of an event, say what happened, "
                + $"for example \"seen on {d.Text}\".")
            : Finding(IdentifierKind.DateOfBirth, d.Start, d.Text, BirthDateFinder.BirthMessage) with { BirthLabelled = d.Labelled }));
        candidates.AddRange(FindPostcodes(text));
        candidates.AddRange(FindPostcodesInPieces(text));
        candidates.AddRange(BlockAddressPattern().Matches(text)
            .Concat(FindStreets(text))
            .Select(m => Finding(IdentifierKind.StreetAddress, m.Index, m.Value, "a street address")));
        candidates.AddRange(names.Select(n =>
            Finding(IdentifierKind.PersonName, n.Start, text[n.Start..n.End], "a person's name")));
        return KeepApart(candidates);
    }

    /// <summary>
    /// The candidates, in order, that overlap no candidate kept before them; those that cannot be confirmed come first, so
    /// one that may be ("9434765919@example.org", an email) never hides one that may not (the NHS number in it).
    /// </summary>
    private static List<IdentifierFinding> KeepApart(IEnumerable<IdentifierFinding> candidates)
    {
        // Kept findings never overlap, so a candidate need only be checked against its neighbours in start order.
        var kept = new List<IdentifierFinding>();
        var starts = Comparer<IdentifierFinding>.Create((a, b) => a.Start.CompareTo(b.Start));
        foreach (var candidate in candidates.OrderBy(c => c.Confirmable ? 1 : 0))
        {
            var at = kept.BinarySearch(candidate, starts);
            at = at < 0 ? ~at : at;
            if ((at > 0 && kept[at - 1].Overlaps(candidate)) || (at < kept.Count && kept[at].Overlaps(candidate)))
            {
                continue;
            }

            kept.Insert(at, candidate);
        }

        return kept;
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

    private static IEnumerable<IdentifierFinding> FindPostcodes(string text)
    {
        foreach (Match m in PostcodePattern().Matches(text))
        {
            // Postcodes are typed in one case; "C1 2nd" or "C12 1st" is a pseudonym and an ordinal.
            var letters = m.Value.Where(char.IsLetter).ToList();
            if (letters.All(char.IsUpper) || letters.All(char.IsLower))
            {
                yield return Finding(IdentifierKind.Postcode, m.Index, m.Value, "a postcode");
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
        var international = value.TrimStart().TrimStart('(').StartsWith('+') && result.StartsWith("44", StringComparison.Ordinal) ? 2
            : result.StartsWith("0044", StringComparison.Ordinal) ? 4 : 0;
        if (international > 0)
        {
            // +44 (0)20 ... keeps a redundant trunk zero; +44 20 ... drops it; 0044 is +44 dialled from a landline.
            result = result[international..];
            result = result.StartsWith('0') ? result : "0" + result;
        }

        return result;
    }

    [GeneratedRegex(@"(?<![\w.%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex EmailPattern();

    // +44 (or 0044, 00 44, (+44)) or a leading 0, then ten more digits with optional single space/hyphen/dash/bracket
    // separators.
    [GeneratedRegex(@"(?<![\w+])(?:(?:\+|\(\+|00 ?)44\)?[ \-–—]{0,2}(?:\(0\)[ \-–—]?)?|\(?0)(?:\d[ \-–—\)]{0,2}){9}\d(?!\d)",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex PhonePattern();

    // Full UK postcode pattern including GIR 0AA; case-insensitive; whole words. Between the outward and inward codes:
    // up to two spaces or tabs (or none), a hyphen or dash with a space either side or not, an underscore, a dot or a
    // slash ("SW1A-1AA", "sw1a_1aa", "SW1A.1AA"); a dot with a space after it ends a sentence ("room B2. 1ST").
    [GeneratedRegex(@"\b(?:GIR" + PostcodeSeparator + @"0AA|(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9]"
        + @"[0-9ABEHMNPRV-Y]?)" + PostcodeSeparator + @"[0-9][ABD-HJLNP-UW-Z]{2})\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex PostcodePattern();

    private const string PostcodeSeparator = @"(?:[ \t]{0,2}|[ \t]?[\-–—][ \t]?|[_./])";
}

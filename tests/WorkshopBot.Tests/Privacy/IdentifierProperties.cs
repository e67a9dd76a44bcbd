using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>Property tests (FsCheck) for the identifiers with a checkable shape: NHS numbers, postcodes and case
/// references.</summary>
public sealed partial class IdentifierProperties
{
    private static readonly IdentifierScanner Scanner = new();

    // Theme codes partnerships use in case references; none of them is a name.
    private static readonly string[] ThemeCodes =
        ["NAI", "CSE", "CCE", "CSA", "DA", "DV", "NEG", "NEGLECT", "CP", "CIN", "LAC", "EH", "FGM", "SUDI", "HOTH", "MACA", "MH"];

    // Letters-only gazetteer names that fit in a reference part (2 to 10 letters).
    private static readonly string[] ReferenceSizedNames = NameGazetteer.FirstNameKeys.Concat(NameGazetteer.SurnameKeys)
        .Where(k => LettersOnly().IsMatch(k)).Select(k => k.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal).ToArray();

    [Property(MaxTest = 300)]
    public Property FlagsEveryValidNhsNumberInAnyCommonSpacing() =>
        Prop.ForAll(Arb.From(NhsNumbers(valid: true)), number =>
        {
            var findings = Scanner.Scan($"NHS number {number} was on the referral form.");
            return findings.Any(f => f.Kind == IdentifierKind.NhsNumber && f.Text == number);
        });

    [Property(MaxTest = 300)]
    public Property FlagsNothingForATenDigitNumberWithAWrongCheckDigit() =>
        Prop.ForAll(Arb.From(NhsNumbers(valid: false)), number =>
            Scanner.Scan($"Reference {number} was on the referral form.").Count == 0);

    // After an NHS label a wrong check digit is a mistyped NHS number: it still identifies the child.
    [Property(MaxTest = 300)]
    public Property RefusesEveryTenDigitNumberAfterAnNhsLabel() =>
        Prop.ForAll(Arb.From(NhsNumbers(valid: false)), number =>
        {
            var findings = Scanner.Scan($"NHS number {number} was on the referral form.");
            return findings.Count == 1 && findings[0].Kind == IdentifierKind.NhsNumber && findings[0].Text == number
                && !findings[0].Confirmable;
        });

    [Property(MaxTest = 300)]
    public Property FlagsEveryValidNhsNumberInAnyGrouping() =>
        Prop.ForAll(Arb.From(GroupedNhsNumbers()), number =>
        {
            var findings = Scanner.Scan($"NHS number {number} was read out over the phone.");
            return findings.Count == 1 && findings[0].Kind == IdentifierKind.NhsNumber && findings[0].Text == number;
        });

    [Property(MaxTest = 300)]
    public Property FlagsEveryValidFormatPostcode() =>
        Prop.ForAll(Arb.From(Postcodes()), postcode =>
        {
            var findings = Scanner.Scan($"The family moved to {postcode} in the spring.");
            return findings.Count == 1 && findings[0].Kind == IdentifierKind.Postcode && findings[0].Text == postcode;
        });

    [Property(MaxTest = 300)]
    public Property DoesNotTakeOrdinaryWordsOrReferenceNumbersForPostcodes() =>
        Prop.ForAll(Arb.From(Gen.OneOf(OrdinaryWords(), ReferenceNumbers(), ValidCaseReferences())), word =>
            Scanner.Scan($"In {word} the strategy meeting was held within a day.").All(f => f.Kind != IdentifierKind.Postcode));

    [Property(MaxTest = 300)]
    public Property AcceptsGeneratedPseudonymousReferences() =>
        Prop.ForAll(Arb.From(ValidCaseReferences()), reference => CaseReference.Create(reference).Succeeded);

    [Property(MaxTest = 300)]
    public Property RefusesAReferenceHoldingAGazetteerNameAndNeverSuggestsReshapingIt() =>
        Prop.ForAll(Arb.From(ReferencesWithAName()), reference =>
        {
            var result = CaseReference.Create(reference);
            return !result.Succeeded
                && result.Message!.Contains("must not contain a name", StringComparison.Ordinal)
                && result.Message.Contains("NAI-2026-03-C2", StringComparison.Ordinal)
                && !result.Message.Contains("hyphen", StringComparison.OrdinalIgnoreCase);
        });

    private static Gen<string> NhsNumbers(bool valid) =>
        from digits in Gen.ArrayOf(Gen.Choose(0, 9), 9)
        let check = CheckDigit(digits)
        where check != 10 && digits.Distinct().Count() > 1
        from wrong in Gen.Choose(1, 9)
        from separator in Gen.Elements(string.Empty, " ", "-")
        let last = valid ? check : (check + wrong) % 10
        let all = string.Concat(digits) + last
        select all[..3] + separator + all[3..6] + separator + all[6..];

    // Valid numbers from the ranges issued in England and Wales (starting 4, 6 or 7), cut into groups anywhere and
    // joined by spaces or hyphens, except where the grouping reads as a sum in thousands ("4 123 456 789") or ends in
    // a date ("4123 12 03 24"): the scanner reads those as what they look like.
    private static Gen<string> GroupedNhsNumbers() =>
        from first in Gen.Elements(4, 6, 7)
        from rest in Gen.ArrayOf(Gen.Choose(0, 9), 8)
        let digits = rest.Prepend(first).ToArray()
        let check = CheckDigit(digits)
        where check != 10
        from cuts in Gen.ArrayOf(Gen.Elements(false, true), 9)
        from separator in Gen.Elements(" ", "-", " - ", "  ")
        let groups = Cut(string.Concat(digits) + check, cuts)
        where groups.Count > 1 && !(groups[0].Length <= 3 && groups.Skip(1).All(g => g.Length == 3)) && !EndsInADate(groups)
        select string.Join(separator, groups);

    private static List<string> Cut(string digits, bool[] cuts)
    {
        var groups = new List<string>();
        var start = 0;
        for (var i = 1; i < digits.Length; i++)
        {
            if (cuts[i - 1])
            {
                groups.Add(digits[start..i]);
                start = i;
            }
        }

        groups.Add(digits[start..]);
        return groups;
    }

    private static bool EndsInADate(List<string> groups) =>
        groups.Count >= 3 && groups[^1].Length is 2 or 4 && groups[^2].Length <= 2 && groups[^3].Length <= 2
        && int.Parse(groups[^3], System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 31
        && int.Parse(groups[^2], System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 12;

    private static int CheckDigit(int[] digits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += digits[i] * (10 - i);
        }

        var check = 11 - (sum % 11);
        return check == 11 ? 0 : check;
    }

    // The Royal Mail formats: A9, A99, A9A, AA9, AA99, AA9A, then 9AA; letters from the classes each position allows.
    private static Gen<string> Postcodes()
    {
        const string first = "ABCDEFGHIJKLMNOPRSTUWYZ";
        const string second = "ABCDEFGHKLMNOPQRSTUVWXY";
        const string third = "ABCDEFGHJKPSTUW";
        const string fourth = "ABEHMNPRVWXY";
        const string inward = "ABDEFGHJLNPQRSTUWXYZ";
        var digit = Gen.Choose(0, 9).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var outward = Gen.OneOf(
            from a in Letter(first) from d in digit select a + d,
            from a in Letter(first) from d in digit from e in digit select a + d + e,
            from a in Letter(first) from d in digit from c in Letter(third) select a + d + c,
            from a in Letter(first) from b in Letter(second) from d in digit select a + b + d,
            from a in Letter(first) from b in Letter(second) from d in digit from e in digit select a + b + d + e,
            from a in Letter(first) from b in Letter(second) from d in digit from c in Letter(fourth) select a + b + d + c);
        return from o in outward
               from d in digit
               from x in Letter(inward)
               from y in Letter(inward)
               from space in Gen.Elements(" ", string.Empty)
               from lower in Gen.Elements(false, true)
               let code = o + space + d + x + y
               select lower ? code.ToLowerInvariant() : code;
    }

    private static Gen<string> Letter(string letters) => Gen.Elements(letters.Select(c => c.ToString()).ToArray());

    private static Gen<string> OrdinaryWords() =>
        Gen.OneOf(
            Gen.Elements("strategy", "referral", "neglect", "chronology", "threshold", "supervision", "escalation", "voice"),
            from length in Gen.Choose(2, 12)
            from letters in Gen.ArrayOf(Gen.Choose('a', 'z').Select(c => (char)c), length)
            select new string(letters));

    private static Gen<string> ReferenceNumbers() =>
        Gen.OneOf(
            from prefix in Gen.Elements("S", "A", "CP", "Tier ", "Level ", "Section ", "Room B", "Year ", "Stage ", "Form C")
            from n in Gen.Choose(1, 99)
            select prefix + n,
            from code in Gen.Elements(ThemeCodes)
            from n in Gen.Choose(1, 9999)
            select code + "/" + n);

    private static Gen<string> ValidCaseReferences() =>
        from theme in Gen.Elements(ThemeCodes)
        from year in Gen.Choose(2015, 2030)
        from shortYear in Gen.Elements(false, true)
        from month in Gen.Choose(0, 12)
        from number in Gen.Choose(1, 99)
        let y = shortYear ? (year % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture)
            : year.ToString(System.Globalization.CultureInfo.InvariantCulture)
        let m = month == 0 ? string.Empty : "-" + month.ToString("00", System.Globalization.CultureInfo.InvariantCulture)
        select $"{theme}-{y}{m}-C{number}";

    private static Gen<string> ReferencesWithAName() =>
        from reference in ValidCaseReferences()
        from name in Gen.Elements(ReferenceSizedNames)
        from position in Gen.Choose(0, 3)
        let parts = reference.Split('-').ToList()
        let at = Math.Min(position, parts.Count)
        select string.Join('-', parts.Take(at).Append(name).Concat(parts.Skip(at)));

    [GeneratedRegex("^[a-z]{2,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex LettersOnly();
}

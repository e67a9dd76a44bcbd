using System.Globalization;

namespace WorkshopBot.Insights.Domain;

/// <summary>
/// One grade's count in a row of the view: exact, or only a band ("fewer than 3", "3 or more") where the exact figures
/// would let a reader work out one agency's grade on a case or two (the rule is in <see cref="PartnershipSummary"/>). A
/// banded count does not hold its number, so no output (page, JSON, workbook) can give it away. JSON writes an exact count
/// as a number and a band as its words (Insights/Teams/GradeCountJson).
/// </summary>
public readonly record struct GradeCount
{
    /// <summary>Counts from 1 to one below this are small: they are not given where they point at an agency's cases.</summary>
    public const int Threshold = 3;

    public const string FewerThanThree = "fewer than 3";

    public const string ThreeOrMoreText = "3 or more";

    private GradeCount(int? exact, bool threeOrMore)
    {
        Exact = exact;
        ThreeOrMore = threeOrMore;
    }

    /// <summary>The count, or null when only its band is given.</summary>
    public int? Exact { get; }

    /// <summary>For a banded count: 3 or more; otherwise fewer than 3 (which may be none).</summary>
    public bool ThreeOrMore { get; }

    public bool IsBanded => Exact is null;

    /// <summary>The count as a person reads it: the number, "fewer than 3" or "3 or more".</summary>
    public string Text => Exact is { } count
        ? count.ToString(CultureInfo.InvariantCulture)
        : ThreeOrMore ? ThreeOrMoreText : FewerThanThree;

    public static GradeCount Of(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new GradeCount(count, false);
    }

    /// <summary>Only the band of <paramref name="count"/>.</summary>
    public static GradeCount Band(int count) => new(null, count >= Threshold);

    public static GradeCount FromInt32(int count) => Of(count);

    public static implicit operator GradeCount(int count) => Of(count);

    public override string ToString() => Text;
}

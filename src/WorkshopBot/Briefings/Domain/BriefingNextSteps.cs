using System.Globalization;
using System.Text.RegularExpressions;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// "What the partnership will do next": the recommendations the workshop agreed (owner, target, measure), then agencies'
/// own recommendations from their returns that name a target month. A recommendation without an owner and a date is not
/// stated as one: agencies' undated recommendations are counted in one closing line instead (and kept as data, so that
/// the action plan can offer them).
/// </summary>
internal static partial class BriefingNextSteps
{
    public static NextStepsComposed Compose(BriefingSource source, BriefingAnalysis analysis)
    {
        var partnership = source.Recommendations.Select(Of).ToList();
        var singleAgency = new List<BriefingRecommendation>();
        var undated = new List<PointCandidate>();
        foreach (var candidate in analysis.Recommendations)
        {
            if (TargetOf(candidate.Text) is { } target && candidate.Agencies.Count > 0)
            {
                singleAgency.Add(new BriefingRecommendation(TextWithoutTarget(candidate.Text),
                    BriefingBoxes.NameAgencies(candidate.Agencies), target, null, RecommendationSource.SingleAgency));
            }
            else
            {
                undated.Add(candidate);
            }
        }

        var all = partnership.Concat(singleAgency).Select(r => r with { Point = Point(r) }).ToList();
        var points = all.Take(BriefingComposer.MaxNextSteps).Select(r => r.Point!).ToList();
        string? summary = null;
        if (undated.Count > 0)
        {
            var agencies = undated.SelectMany(c => c.Agencies).Distinct(StringComparer.Ordinal).ToList();
            summary = undated.Count == 1
                ? $"{agencies.FirstOrDefault() ?? "One agency"} also made a single-agency recommendation in its returns and will take it "
                  + "forward through its own safeguarding plan."
                : $"Agencies also made {undated.Count} single-agency recommendations in their returns "
                  + $"({BriefingBoxes.NameAgencies(agencies)}); each agency will take its own forward through its safeguarding plan.";
            points.Add(summary);
        }

        var lead = partnership.Count > 0 ? "The recommendations the partnership agreed at the workshop, each with its owner and target:"
            : singleAgency.Count > 0 ? "Recommendations from agencies' returns, each with its owner and target:"
            : "The partnership will agree its recommendations and publish them with the action plan.";
        var kept = undated.Select(c => new UndatedRecommendation(c.Text.Trim(),
            c.Agencies.Count > 0 ? BriefingBoxes.NameAgencies(c.Agencies) : "One agency")).ToList();
        return new NextStepsComposed(BriefingBoxes.Box(BriefingBoxKind.NextSteps, lead, points), all, kept, summary);
    }

    /// <summary>
    /// Whether a point of the approved box is the closing line that counts agencies' undated recommendations: a summary,
    /// not a recommendation with an owner, so nothing that reads the box back (the action plan) may take it for one. The
    /// line as composed is kept with the briefing; one stored before it was kept is known by today's wording.
    /// </summary>
    public static bool IsUndatedSummary(Briefing briefing, string point) =>
        briefing.UndatedSummary is { } kept ? string.Equals(point, kept, StringComparison.Ordinal) : IsTodaysSummary(point);

    private static bool IsTodaysSummary(string point) =>
        point.Contains("single-agency recommendation", StringComparison.Ordinal)
        && point.EndsWith("safeguarding plan.", StringComparison.Ordinal);

    private static BriefingRecommendation Of(WorkshopRecommendation r) =>
        new(Acronyms.Fix(r.Text), r.OwnerName, r.TargetDate, Acronyms.Fix(r.Measure), RecommendationSource.Partnership)
        {
            OwnerId = r.OwnerId,
        };

    /// <summary>
    /// The point a recommendation was stated as: kept with it since it was composed, or, for one stored before that, the
    /// point the composer writes for it today.
    /// </summary>
    public static string StatedAs(BriefingRecommendation r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.Point ?? Point(r);
    }

    /// <summary>The point the composer writes for a recommendation.</summary>
    private static string Point(BriefingRecommendation r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var target = r.TargetDate.ToString("MMMM yyyy", BriefingBoxes.English);
        var measure = string.IsNullOrWhiteSpace(r.Measure) ? string.Empty : $" Measure: {BriefingText.Sentence(r.Measure)}";
        return $"{BriefingText.Sentence(r.Text)} Owner: {r.Owner}. Target: {target}.{measure}";
    }

    // "By June 2026" in a return's recommendation is its target: the last day of that month. Only 0-9 make its year
    // ("by June ২০২৬" is left as text): int.Parse reads no other digits, and a throw here stopped the briefing.
    private static DateOnly? TargetOf(string text)
    {
        var match = TargetMonth().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var month = DateTime.ParseExact(match.Groups[1].Value, "MMMM", CultureInfo.InvariantCulture).Month;
        var year = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return year is < 2000 or > 2100 ? null : new DateOnly(year, month, DateTime.DaysInMonth(year, month));
    }

    private static string TextWithoutTarget(string text) => TargetMonth().Replace(text, string.Empty).Trim().TrimEnd(',', ';');

    [GeneratedRegex(
        @"\s*\bby (January|February|March|April|May|June|July|August|September|October|November|December) ([0-9]{4})\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex TargetMonth();
}

/// <summary>The composed "next" box, the recommendations it stands for, and its closing line counting undated ones.</summary>
internal sealed record NextStepsComposed(
    BriefingBox Box, IReadOnlyList<BriefingRecommendation> Recommendations, IReadOnlyList<UndatedRecommendation> Undated,
    string? UndatedSummary);

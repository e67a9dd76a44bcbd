using WorkshopBot.Common;
using WorkshopBot.Insights.Domain;

namespace WorkshopBot.Insights.Teams;

/// <summary>The cross-audit summary for the sub-group's papers: one sheet per part of the view, figures first.</summary>
public static class SummaryXlsx
{
    /// <summary>The most characters a joined list takes in one cell (a tenth of what Excel allows).</summary>
    public const int MaxJoined = 3000;

    private const string MoreTail = "and {0} more";

    public static string FileName(InsightQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return $"Cross-audit summary {query.From:yyyy-MM-dd} to {query.To:yyyy-MM-dd}.xlsx";
    }

    public static byte[] Render(PartnershipView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var grades = view.Grades.Select(g => g.Label).ToList();
        return new XlsxWorkbook()
            .Sheet("Summary", ["Figure", "Value"],
            [
                ["Period from", view.Query.From],
                ["Period to", view.Query.To],
                ["Theme", view.Query.Theme is { } theme ? Themes.Find(theme)?.DisplayName : "All themes"],
                ["Agency", AgencyShown(view)],
                ["Audits held", view.AuditsHeld],
                ["Cases audited", view.CasesAudited],
                ["Agency returns graded", view.ReturnsGraded],
                ["Actions open", view.OpenActions],
                ["Actions overdue", view.OverdueActions],
                ["Actions left open when their audit closed", view.LeftOpenActions],
                .. Notes(view),
            ])
            .Sheet("Grades by audit", ["Audit", "Held on", "Cases", .. grades, "Graded returns"],
                view.PerAudit.Select(a => Row([a.Title, a.HeldOn, a.Cases], a.Counts, a.Total)))
            .Sheet("Grades by theme", ["Theme", "Period", .. grades, "Graded returns"],
                view.PerTheme.SelectMany(t => t.Periods.Select(p => Row([t.Label, p.Period], p.Counts, p.Total))))
            .Sheet("Recurring themes", ["Theme", "Audits raising it", "Audits"],
                view.Recurring.Select(r => (IReadOnlyList<object?>)
                    [r.Label, r.Audits.Count, Joined("; ", r.Audits.Select(a => $"{a.Title} ({a.HeldOn:yyyy-MM-dd})"))]))
            .Sheet("Actions by agency",
                ["Agency", "Open", "Of which overdue", "Waiting for sign-off", "Left open when its audit closed", "Completed", "Closed"],
                view.Actions.Select(a => (IReadOnlyList<object?>)
                    [a.Agency, a.Open, a.Overdue, a.AwaitingSignOff, a.LeftOpen, a.Completed, a.Closed]))
            .Sheet("Briefing use", ["Audit", "Approved", "Channels posted", "Teams that discussed it"],
                view.Briefings.Select(b => (IReadOnlyList<object?>)
                    [b.Title, b.Withdrawn ? "Withdrawn" : b.Approved ? "Yes" : "No", b.ChannelsPosted, Joined(", ", b.Teams)]))
            .ToBytes();
    }

    // A banded count is written as its words: the workbook holds no more than the page shows.
    private static IReadOnlyList<object?> Row(IEnumerable<object?> first, IEnumerable<GradeCount> counts, int total) =>
        [.. first, .. counts.Select(c => c.Exact is { } n ? (object?)n : c.Text), total];

    private static IEnumerable<IReadOnlyList<object?>> Notes(PartnershipView view)
    {
        if (view.OnlyYourAudits)
        {
            yield return ["Audits shown", "Only the audits you chair"];
        }

        if (view.HasBandedCounts())
        {
            yield return ["Grades shown as bands", "Where the agency has only 1 or 2 returns of a grade, that row gives each grade "
                + "only as \"fewer than 3\" or \"3 or more\"."];
        }
    }

    /// <summary>
    /// The items joined by <paramref name="separator"/>, as many as fit in <see cref="MaxJoined"/> characters, then "and N
    /// more": a theme raised in years of audits, or a briefing many teams discussed, keeps its cell readable and far from
    /// Excel's limit of 32,767 characters (a longer cell makes the file one Excel must repair).
    /// </summary>
    public static string Joined(string separator, IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(separator);
        ArgumentNullException.ThrowIfNull(items);
        var all = items.ToList();
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < all.Count; i++)
        {
            var next = (i == 0 ? "" : separator) + all[i];
            var rest = all.Count - i;
            // Room is kept for the longest tail this cell could need.
            if (text.Length + next.Length + (rest > 1 ? MoreTail.Length + 10 : 0) > MaxJoined)
            {
                return text.Append(text.Length == 0 ? "" : " ").Append(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    MoreTail, rest)).ToString();
            }

            text.Append(next);
        }

        return text.ToString();
    }

    /// <summary>
    /// The agency filter as the partnership's own data spells it; what was typed into the link is never written, since
    /// nothing checked it for identifiers (an agency that took part in no audit of the period names none).
    /// </summary>
    private static string AgencyShown(PartnershipView view) => !view.IsFiltered()
        ? "All agencies"
        : view.AgencyAsRecorded() ?? SummaryHtml.NoSuchAgency;
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Common;
using WorkshopBot.Insights.Domain;

namespace WorkshopBot.Insights.Teams;

/// <summary>
/// Renders <see cref="PartnershipView"/> as the tab's HTML: figures, then charts drawn as inline SVG on the server
/// (grades by audit, grades by theme over time, recurring themes, actions by agency), then the briefing use table.
/// Colours come from the page's stylesheet through classes, so the Teams themes apply and no inline style is needed.
/// </summary>
public static class SummaryHtml
{
    private const int Width = 640;
    private const int LabelWidth = 210;
    private const int RowHeight = 26;
    private static readonly CultureInfo Gb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>What the view and the summary workbook say when the agency filter names no agency that took part.</summary>
    public const string NoSuchAgency = "No agency of that name in the period";

    /// <summary>What the view says when it shows only the audits the person chairs (pilot mode).</summary>
    public const string OnlyYours = "This shows only the audits you chair. The partnership has not yet named its audit chairs, "
        + "admins or QA sub-group, who see every audit.";

    /// <summary>What the view says when some grade counts are given only as bands.</summary>
    public const string Banded = "Where the agency has only 1 or 2 returns of a grade, that bar is grey and gives each grade only as "
        + "\"fewer than 3\" or \"3 or more\", so nobody can read the grade of one case.";

    public static string Render(PartnershipView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var html = new StringBuilder(16 * 1024);
        var themes = view.ThemesSeen.Select(k => new { value = k, label = Themes.Find(k)?.DisplayName ?? k });
        html.Append("<div id=\"filter-options\" hidden data-themes=\"").Append(E(JsonSerializer.Serialize(themes)))
            .Append("\" data-agencies=\"").Append(E(JsonSerializer.Serialize(AgencyChoices(view)))).Append("\"></div>");
        var agency = view.AgencyAsRecorded();
        if (agency is not null)
        {
            html.Append("<p class=\"hint\" id=\"scope\">")
                .Append(E($"The audits {agency} took part in, with its own grades and actions only.")).Append("</p>");
        }

        if (view.OnlyYourAudits)
        {
            html.Append("<p class=\"hint\" id=\"only-yours\">").Append(E(OnlyYours)).Append("</p>");
        }

        html.Append("<section class=\"tiles\" aria-label=\"Figures for the period\">");
        Tile(html, "audits", view.AuditsHeld, "audits held");
        Tile(html, "cases", view.CasesAudited, "cases audited");
        Tile(html, "returns", view.ReturnsGraded, "agency returns graded");
        Tile(html, "open-actions", view.OpenActions, "actions open");
        Tile(html, "overdue-actions", view.OverdueActions, "actions overdue", view.OverdueActions > 0 ? "warn" : null);
        if (view.LeftOpenActions > 0)
        {
            // Not in hand (their plans are frozen), but unfinished: the sub-group may report them, so they are shown apart.
            Tile(html, "left-open-actions", view.LeftOpenActions, "actions left open when their audit closed");
        }
        html.Append("</section>");
        if (view.AuditsHeld == 0)
        {
            html.Append("<p class=\"empty\">").Append(E(Empty(view, agency))).Append("</p>");
            return html.ToString();
        }

        Card(html, "Grades by audit", "Single-agency grades of the submitted returns, one bar per audit.");
        Legend(html, view.Grades);
        Withheld(html, view);
        GradesByAudit(html, view);
        html.Append("</section>");
        Card(html, "Grades by theme over time", "For each theme, the grades of the audits that raised it, period by period.");
        Legend(html, view.Grades);
        GradesByTheme(html, view);
        html.Append("</section>");
        Card(html, "Recurring themes", "Themes raised in two or more audits of the period, and the audits that raised them.");
        SummaryCharts.Recurring(html, view.Recurring);
        html.Append("</section>");
        Card(html, "Actions by agency", "Open actions (overdue first), those waiting for the chair's sign-off, those left open "
            + "when their audit closed, and those done. The partnership's own actions have a row of their own.");
        SummaryCharts.Actions(html, view.Actions);
        html.Append("</section>");
        Card(html, "Briefing use", "Which teams recorded discussing each audit's 7-minute briefing.");
        SummaryCharts.Briefings(html, view.Briefings);
        html.Append("</section>");
        return html.ToString();
    }

    /// <summary>Why the view shows no audit: none held, none of the theme, or none the agency took part in.</summary>
    private static string Empty(PartnershipView view, string? agency)
    {
        var theme = view.Query.Theme is null ? "" : " that raised this theme";
        if (!view.IsFiltered())
        {
            return $"No audits were held in this period{theme}. Choose a longer period.";
        }

        var choose = theme.Length == 0 ? "a longer period" : "another theme or a longer period";
        return agency is null
            ? NoSuchAgency + ". Choose an agency from the list."
            : $"{agency} took part in no audit held in this period{theme}. Choose {choose}.";
    }

    /// <summary>
    /// The agency filter's choices: each agency by its name (an agency called as the partnership's own entry reads "The
    /// partnership (an agency)"), and the partnership's own entry, asked for by its owner id rather than a name (see tab.js).
    /// </summary>
    private static IEnumerable<object> AgencyChoices(PartnershipView view)
    {
        var choices = view.Agencies.Select(a => (Label: PlannedAction.OwnerNameOf(false, a), Value: a, Owner: (string?)null)).ToList();
        if (view.PartnershipTookPart)
        {
            choices.Add((PlannedAction.PartnershipOwner, OwnerAgencies.PartnershipId, OwnerAgencies.PartnershipId));
        }

        return choices.OrderBy(c => c.Label, StringComparer.OrdinalIgnoreCase).Select(c => c.Owner is null
            ? (object)new { value = c.Value, label = c.Label }
            : new { value = c.Value, label = c.Label, owner = c.Owner });
    }

    internal static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    internal static string N(double number) => number.ToString("0.#", CultureInfo.InvariantCulture);

    internal static string I(int number) => number.ToString(CultureInfo.InvariantCulture);

    internal static string Day(DateOnly day) => day.ToString("d MMM yyyy", Gb);

    internal static string GradeClass(GradeBand band) => band.Position switch
    {
        < 0.2 => "gA",
        < 0.5 => "gB",
        < 0.8 => "gC",
        _ => "gD",
    };

    internal static void Card(StringBuilder html, string title, string hint) =>
        html.Append("<section class=\"card\"><h2>").Append(E(title)).Append("</h2><p class=\"hint\">").Append(E(hint)).Append("</p>");

    internal static void Label(StringBuilder html, double y, string text, string? title = null)
    {
        var shown = text.Length > 30 ? TextCut.Prefix(text, 29) + "…" : text;
        html.Append("<text class=\"label\" x=\"0\" y=\"").Append(N(y)).Append("\">");
        html.Append("<title>").Append(E(title ?? text)).Append("</title>").Append(E(shown)).Append("</text>");
    }

    private static void Tile(StringBuilder html, string key, int value, string label, string? tone = null) =>
        html.Append("<div class=\"tile").Append(tone is null ? "" : " " + tone).Append("\" data-figure=\"").Append(key).Append("\">")
            .Append("<span class=\"value\">").Append(I(value)).Append("</span><span class=\"what\">").Append(E(label))
            .Append("</span></div>");

    private static void Withheld(StringBuilder html, PartnershipView view)
    {
        if (view.HasBandedCounts())
        {
            html.Append("<p class=\"hint\" id=\"banded\">").Append(E(Banded)).Append("</p>");
        }
    }

    private static void Legend(StringBuilder html, IReadOnlyList<GradeBand> grades)
    {
        html.Append("<ul class=\"legend\">");
        foreach (var grade in grades)
        {
            html.Append("<li><svg class=\"swatch\" width=\"12\" height=\"12\" aria-hidden=\"true\"><rect class=\"")
                .Append(GradeClass(grade)).Append("\" width=\"12\" height=\"12\" rx=\"2\"/></svg>").Append(E(grade.Label)).Append("</li>");
        }

        html.Append("</ul>");
    }

    private static void GradesByAudit(StringBuilder html, PartnershipView view)
    {
        var max = Math.Max(1, view.PerAudit.Select(a => a.Total).DefaultIfEmpty(0).Max());
        var height = (view.PerAudit.Count * RowHeight) + 8;
        html.Append("<svg id=\"chart-grades-audit\" class=\"chart\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height)
            .Append("\" width=\"100%\" role=\"img\" aria-label=\"Grades by audit\">");
        for (var i = 0; i < view.PerAudit.Count; i++)
        {
            var audit = view.PerAudit[i];
            var y = i * RowHeight;
            html.Append("<g class=\"bar\" data-audit=\"").Append(E(audit.Title)).Append("\" data-total=\"").Append(I(audit.Total))
                .Append("\">");
            Label(html, y + 16, audit.Title, $"{audit.Title} ({Day(audit.HeldOn)}, {audit.Cases} cases)");
            Stack(html, LabelWidth, y + 4, Width - LabelWidth - 40, 16, (audit.Counts, audit.Total), max, view.Grades);
            html.Append("<text class=\"count\" x=\"").Append(Width - 4).Append("\" y=\"").Append(y + 16).Append("\" text-anchor=\"end\">")
                .Append(I(audit.Total)).Append("</text></g>");
        }

        html.Append("</svg>");
    }

    private static void GradesByTheme(StringBuilder html, PartnershipView view)
    {
        var periods = view.PerTheme.SelectMany(t => t.Periods.Select(p => p.Period)).Distinct().Order(StringComparer.Ordinal).ToList();
        var max = Math.Max(1, view.PerTheme.SelectMany(t => t.Periods).Select(p => p.Total).DefaultIfEmpty(0).Max());
        var column = periods.Count == 0 ? 0 : (Width - LabelWidth) / (double)periods.Count;
        const int row = 34;
        var height = (view.PerTheme.Count * row) + 30;
        html.Append("<svg id=\"chart-grades-theme\" class=\"chart\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height)
            .Append("\" width=\"100%\" role=\"img\" aria-label=\"Grades by theme over time\">");
        for (var p = 0; p < periods.Count; p++)
        {
            // "2025 Q3" reads as Q3 over 2025, so eight quarters fit side by side.
            var x = N(LabelWidth + (p * column) + (column / 2));
            var parts = periods[p].Split(' ');
            html.Append("<text class=\"axis\" x=\"").Append(x).Append("\" y=\"10\" text-anchor=\"middle\">");
            html.Append(parts.Length == 2
                ? $"<tspan x=\"{x}\">{E(parts[1])}</tspan><tspan x=\"{x}\" dy=\"11\">{E(parts[0])}</tspan>"
                : E(periods[p])).Append("</text>");
        }

        for (var t = 0; t < view.PerTheme.Count; t++)
        {
            var trend = view.PerTheme[t];
            var y = 28 + (t * row);
            html.Append("<g class=\"theme\" data-theme=\"").Append(E(trend.Theme)).Append("\">");
            Label(html, y + 20, trend.Label);
            foreach (var period in trend.Periods)
            {
                var x = LabelWidth + (periods.IndexOf(period.Period) * column) + 4;
                html.Append("<g class=\"period\" data-period=\"").Append(E(period.Period)).Append("\" data-total=\"")
                    .Append(I(period.Total))
                    .Append("\"><title>").Append(E($"{trend.Label}, {period.Period}: {period.Total} graded returns")).Append("</title>");
                Stack(html, x, y + 6, column - 8, 20, (period.Counts, period.Total), max, view.Grades);
                html.Append("</g>");
            }

            html.Append("</g>");
        }

        html.Append("</svg>");
    }

    private static void Stack(StringBuilder html, double x, double y, double width, double height,
        (IReadOnlyList<GradeCount> Counts, int Total) row, int max, IReadOnlyList<GradeBand> grades)
    {
        var counts = row.Counts;
        if (counts.Any(c => c.IsBanded))
        {
            // One plain bar for the row's total: segments as wide as their counts would give back what the bands hide.
            html.Append("<rect class=\"seg withheld\" data-withheld=\"true\" x=\"").Append(N(x)).Append("\" y=\"").Append(N(y))
                .Append("\" width=\"").Append(N(Math.Max(width * row.Total / max, 1))).Append("\" height=\"").Append(N(height))
                .Append("\"><title>").Append(E(string.Join("; ", grades.Select((g, i) => $"{g.Label}: {counts[i].Text}"))))
                .Append("</title></rect>");
            return;
        }

        var left = x;
        for (var g = 0; g < counts.Count; g++)
        {
            if (counts[g].Exact is not ({ } count and > 0))
            {
                continue;
            }

            var w = width * count / max;
            html.Append("<rect class=\"seg ").Append(GradeClass(grades[g])).Append("\" data-grade=\"").Append(E(grades[g].Label))
                .Append("\" data-count=\"").Append(I(count)).Append("\" x=\"").Append(N(left)).Append("\" y=\"").Append(N(y))
                .Append("\" width=\"").Append(N(Math.Max(w, 1))).Append("\" height=\"").Append(N(height)).Append("\"><title>")
                .Append(E($"{grades[g].Label}: {count}")).Append("</title></rect>");
            left += w;
        }
    }
}

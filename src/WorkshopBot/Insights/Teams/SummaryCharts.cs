using System.Text;
using WorkshopBot.Insights.Domain;
using static WorkshopBot.Insights.Teams.SummaryHtml;

namespace WorkshopBot.Insights.Teams;

/// <summary>The recurring themes and actions charts and the briefing use table of <see cref="SummaryHtml"/>.</summary>
internal static class SummaryCharts
{
    private const int Width = 640;
    private const int LabelWidth = 210;
    private const int RowHeight = 26;

    private static readonly IReadOnlyList<(string Css, string Label)> Parts =
    [
        ("overdue", "Overdue"), ("open", "Open, on time"), ("awaiting", "Waiting for sign-off"),
        ("leftopen", "Left open when its audit closed"), ("done", "Completed or closed"),
    ];

    public static void Recurring(StringBuilder html, IReadOnlyList<RecurringTheme> themes)
    {
        if (themes.Count == 0)
        {
            html.Append("<p class=\"empty\">No theme came up in more than one audit of this period.</p>");
            return;
        }

        var max = themes.Max(t => t.Audits.Count);
        html.Append("<svg id=\"chart-recurring\" class=\"chart\" viewBox=\"0 0 ").Append(Width).Append(' ')
            .Append((themes.Count * RowHeight) + 8).Append("\" width=\"100%\" role=\"img\" aria-label=\"Recurring themes\">");
        for (var i = 0; i < themes.Count; i++)
        {
            var theme = themes[i];
            var y = i * RowHeight;
            var w = (Width - LabelWidth - 40) * theme.Audits.Count / (double)max;
            html.Append("<g class=\"recurring\" data-theme=\"").Append(E(theme.Theme)).Append("\" data-audits=\"")
                .Append(I(theme.Audits.Count)).Append("\">");
            Label(html, y + 16, theme.Label);
            html.Append("<rect class=\"accent\" x=\"").Append(LabelWidth).Append("\" y=\"").Append(y + 4).Append("\" width=\"").Append(N(w))
                .Append("\" height=\"16\" rx=\"2\"><title>").Append(E(string.Join("; ", theme.Audits.Select(a => a.Title))))
                .Append("</title></rect><text class=\"count\" x=\"").Append(N(LabelWidth + w + 6)).Append("\" y=\"").Append(y + 16)
                .Append("\">").Append(I(theme.Audits.Count)).Append("</text></g>");
        }

        html.Append("</svg><ul class=\"raised\">");
        foreach (var theme in themes)
        {
            html.Append("<li><strong>").Append(E(theme.Label)).Append("</strong>: ")
                .Append(E(string.Join("; ", theme.Audits.Select(a => $"{a.Title} ({Day(a.HeldOn)})")))).Append("</li>");
        }

        html.Append("</ul>");
    }

    public static void Actions(StringBuilder html, IReadOnlyList<AgencyActions> agencies)
    {
        if (agencies.Count == 0)
        {
            html.Append("<p class=\"empty\">No actions were set for the audits of this period.</p>");
            return;
        }

        html.Append("<ul class=\"legend\">");
        foreach (var (css, label) in Parts)
        {
            html.Append("<li><svg class=\"swatch\" width=\"12\" height=\"12\" aria-hidden=\"true\"><rect class=\"").Append(css)
                .Append("\" width=\"12\" height=\"12\" rx=\"2\"/></svg>").Append(E(label)).Append("</li>");
        }

        html.Append("</ul>");
        var max = agencies.Max(a => a.Total);
        html.Append("<svg id=\"chart-actions\" class=\"chart\" viewBox=\"0 0 ").Append(Width).Append(' ')
            .Append((agencies.Count * RowHeight) + 8).Append("\" width=\"100%\" role=\"img\" aria-label=\"Actions by agency\">");
        for (var i = 0; i < agencies.Count; i++)
        {
            var agency = agencies[i];
            var y = i * RowHeight;
            html.Append("<g class=\"agency\" data-agency=\"").Append(E(agency.Agency)).Append("\" data-open=\"")
                .Append(I(agency.Open + agency.AwaitingSignOff)).Append("\" data-overdue=\"").Append(I(agency.Overdue))
                .Append("\" data-left-open=\"").Append(I(agency.LeftOpen)).Append("\" data-partnership=\"")
                .Append(agency.Partnership ? "true" : "false").Append("\">");
            Label(html, y + 16, agency.Agency);
            var x = (double)LabelWidth;
            int[] counts =
                [agency.Overdue, agency.Open - agency.Overdue, agency.AwaitingSignOff, agency.LeftOpen, agency.Completed + agency.Closed];
            for (var p = 0; p < counts.Length; p++)
            {
                if (counts[p] <= 0)
                {
                    continue;
                }

                var w = (Width - LabelWidth - 40) * counts[p] / (double)max;
                html.Append("<rect class=\"seg ").Append(Parts[p].Css).Append("\" data-count=\"").Append(I(counts[p])).Append("\" x=\"")
                    .Append(N(x)).Append("\" y=\"").Append(y + 4).Append("\" width=\"").Append(N(w)).Append("\" height=\"16\"><title>")
                    .Append(E($"{Parts[p].Label}: {counts[p]}")).Append("</title></rect>");
                x += w;
            }

            html.Append("<text class=\"count\" x=\"").Append(Width - 4).Append("\" y=\"").Append(y + 16).Append("\" text-anchor=\"end\">")
                .Append(I(agency.Total)).Append("</text></g>");
        }

        html.Append("</svg>");
    }

    public static void Briefings(StringBuilder html, IReadOnlyList<BriefingUse> briefings)
    {
        if (briefings.Count == 0)
        {
            html.Append("<p class=\"empty\">No briefings were composed for the audits of this period.</p>");
            return;
        }

        html.Append("<table id=\"briefing-use\"><thead><tr><th scope=\"col\">Briefing (audit)</th><th scope=\"col\">Approved</th>")
            .Append("<th scope=\"col\">Channels posted</th><th scope=\"col\">Teams that discussed it</th></tr></thead><tbody>");
        foreach (var briefing in briefings)
        {
            html.Append("<tr data-teams=\"").Append(I(briefing.Teams.Count)).Append("\"><td>").Append(E(briefing.Title)).Append("</td><td>")
                .Append(briefing.Withdrawn ? "Withdrawn" : briefing.Approved ? "Yes" : "Not yet").Append("</td><td>")
                .Append(I(briefing.ChannelsPosted)).Append("</td><td>")
                .Append(briefing.Teams.Count == 0 ? "<span class=\"muted\">None recorded yet</span>" : E(string.Join(", ", briefing.Teams)))
                .Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }
}

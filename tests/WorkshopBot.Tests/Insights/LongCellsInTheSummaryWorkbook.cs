using WorkshopBot.Common;
using WorkshopBot.Insights.Domain;
using WorkshopBot.Insights.Teams;
using WorkshopBot.Tests.ActionPlans;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// A theme raised in years of audits, or a briefing hundreds of teams discussed, fills one cell of the summary workbook
/// with a joined list. Excel holds at most 32,767 characters in a cell (a longer one makes a file Excel must repair), so
/// the list stops at <see cref="SummaryXlsx.MaxJoined"/> characters with "and N more".
/// </summary>
public sealed class LongCellsInTheSummaryWorkbook
{
    private static readonly DateOnly Held = new(2025, 3, 1);

    [Fact]
    public void AJoinedListStopsWithHowManyMoreThereAre()
    {
        var items = Enumerable.Range(1, 2000).Select(i => $"Audit of neglect in the early years, number {i:0000}").ToList();

        var joined = SummaryXlsx.Joined("; ", items);

        Assert.InRange(joined.Length, 1, SummaryXlsx.MaxJoined);
        var shown = joined.Split("; ").Length;
        // The last piece is the last item shown with its tail: "..., number 0059 and 1941 more".
        Assert.EndsWith($" and {2000 - shown} more", joined, StringComparison.Ordinal);
        Assert.Equal("a; b", SummaryXlsx.Joined("; ", ["a", "b"]));
    }

    [Fact]
    public void NoCellOfTheWorkbookNearsExcelsLimit()
    {
        var audits = Enumerable.Range(1, 1500)
            .Select(i => new AuditRef(Guid.NewGuid(), $"Multi-agency audit of children missing education, {i:0000}", Held)).ToList();
        var teams = Enumerable.Range(1, 1500).Select(i => $"Early Help locality team {i:0000}").ToList();
        var view = new PartnershipView(new InsightQuery(Held, Held), 1500, 1500, 0, [], [], [],
            [new RecurringTheme(Themes.Neglect, "Neglect", audits)], [], [new BriefingUse(Guid.NewGuid(), "Neglect audit", true, 3, teams)],
            [], []);

        var sheets = ActionPlanWorkbook.Read(SummaryXlsx.Render(view));

        var recurring = sheets["Recurring themes"][1];
        var briefing = sheets["Briefing use"][1];
        Assert.Equal("1500", recurring[1]);
        Assert.All(sheets.Values.SelectMany(s => s).SelectMany(r => r), cell => Assert.InRange(cell.Length, 0, SummaryXlsx.MaxJoined));
        Assert.Matches(" and [0-9]+ more$", recurring[2]);
        Assert.Matches(" and [0-9]+ more$", briefing[3]);
        Assert.StartsWith("Multi-agency audit of children missing education, 0001 (2025-03-01); ", recurring[2], StringComparison.Ordinal);
    }
}

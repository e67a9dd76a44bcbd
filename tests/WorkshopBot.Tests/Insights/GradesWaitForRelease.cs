using System.Net;
using System.Text.Json;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// The tab counts an audit's grades only once its chair released the returns for moderation. Before, an issued audit's
/// submitted returns were counted at once: with an agency filter, a one-case audit's row was that agency's own grade,
/// shown to every chair, admin and QA member before the audit's own chair had released it (the workshop waits too).
/// </summary>
public sealed class GradesWaitForRelease(GradesWaitForRelease.OneReleasedOneNot tab)
    : IClassFixture<GradesWaitForRelease.OneReleasedOneNot>
{
    private const string Released = "Released audit";
    private const string Waiting = "Audit still collecting returns";
    private const string Police = "County Police";

    [Fact]
    public async Task TheJsonCountsOnlyReleasedGradesButListsBothAudits()
    {
        var all = await SummaryAsync("");
        var police = await SummaryAsync("?agency=County%20Police");

        Assert.Equal(2, all.GetProperty("auditsHeld").GetInt32());
        Assert.Equal(2, all.GetProperty("returnsGraded").GetInt32());
        Assert.Equal(1, police.GetProperty("returnsGraded").GetInt32());
        var rows = all.GetProperty("perAudit").EnumerateArray().ToDictionary(a => a.GetProperty("title").GetString()!);
        Assert.Equal(2, rows[Released].GetProperty("total").GetInt32());
        Assert.Equal(0, rows[Waiting].GetProperty("total").GetInt32());
        Assert.DoesNotContain("inadequate", all.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheWorkbookHasNoGradeOfTheAuditStillCollectingReturns()
    {
        using var summary = await tab.GetAsync("/tab/api/summary.xlsx?agency=County%20Police", tab.Token(TabHost.Chair));
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        var sheets = ActionPlanWorkbook.Read(await summary.Content.ReadAsByteArrayAsync());
        var byAudit = sheets["Grades by audit"];
        Assert.DoesNotContain(byAudit[0], h => h.Contains("Inadequate", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("0", byAudit.Single(r => r[0] == Waiting)[^1]);
        Assert.Equal("1", byAudit.Single(r => r[0] == Released)[^1]);
        Assert.Equal("1", sheets["Summary"].Skip(1).ToDictionary(r => r[0], r => r[1])["Agency returns graded"]);
    }

    private async Task<JsonElement> SummaryAsync(string query)
    {
        using var response = await tab.GetAsync("/tab/api/summary" + query, tab.Token(TabHost.Chair));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>One audit released for moderation (graded good), one still collecting returns (graded inadequate).</summary>
    public sealed class OneReleasedOneNot : TabHost
    {
        protected override async Task SeedAsync(DateTimeOffset now)
        {
            await TabSeed.AuditAsync(Host, BotTestHost.TenantId, new SeedAudit(Released, "Neglect", now.AddMonths(-2), 1,
                [Police, "Health Visiting"], ["good"]));
            await TabSeed.AuditAsync(Host, BotTestHost.TenantId, new SeedAudit(Waiting, "Neglect", now.AddDays(-3), 1,
                [Police], ["inadequate"], Released: false));
        }
    }
}

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// The tab counts actions by owner as the action plan does: the partnership's own actions (as the chair chose them, or, for
/// an action stored before that was kept, by the name "The partnership") are a row apart from an audit's agency of the same
/// name, never one row by name. A closed audit's plan is frozen (monitoring is over and nobody can progress, sign off or close
/// its actions), so the actions it left open are not "open" work in hand nor overdue: they are counted apart, as left open
/// when their audit closed, in the JSON, the page and the workbook.
/// </summary>
public sealed class ActionOwnersInTheTab(ActionOwnersInTheTab.OwnersTab tab) : IClassFixture<ActionOwnersInTheTab.OwnersTab>
{
    private const string Agency = "The partnership (an agency)";

    [Fact]
    public async Task ThePartnershipsOwnActionsAreARowApartFromAnAgencyOfTheSameName()
    {
        var rows = await ActionRowsAsync();

        Assert.Equal((2, 1, 1, true), Figures(rows[PlannedAction.PartnershipOwner]));
        Assert.Equal((1, 0, 0, false), Figures(rows[Agency]));
    }

    [Fact]
    public async Task AClosedAuditsOpenActionsAreCountedApartNotAsOpenOrOverdue()
    {
        var rows = await ActionRowsAsync();
        using var html = await tab.GetAsync("/tab/api/view", tab.Token(TabHost.Chair));
        using var xlsx = await tab.GetAsync("/tab/api/summary.xlsx", tab.Token(TabHost.Chair));
        var view = await html.Content.ReadAsStringAsync();
        var sheets = ActionPlanWorkbook.Read(await xlsx.Content.ReadAsByteArrayAsync());

        var police = rows["County Police"];
        Assert.Equal((0, 0, 0, 2, 1), (police.GetProperty("open").GetInt32(), police.GetProperty("overdue").GetInt32(),
            police.GetProperty("awaitingSignOff").GetInt32(), police.GetProperty("leftOpen").GetInt32(),
            police.GetProperty("completed").GetInt32()));
        Assert.Contains("data-figure=\"open-actions\"><span class=\"value\">3<", view, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"overdue-actions\"><span class=\"value\">1<", view, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"left-open-actions\"><span class=\"value\">2<", view, StringComparison.Ordinal);
        Assert.Contains("Left open when its audit closed", view, StringComparison.Ordinal);
        var sheet = sheets["Actions by agency"];
        var column = sheet[0].IndexOf("Left open when its audit closed");
        Assert.Equal("2", sheet.Single(r => r[0] == "County Police")[column]);
        Assert.Contains(sheets["Summary"], r => r[0] == "Actions left open when their audit closed" && r[1] == "2");
    }

    /// <summary>
    /// The agency filter tells the two apart as the rows do: the partnership's own entry (asked for by its id as the owner)
    /// keeps its own actions only, and the agency called "The partnership" (asked for by its name) keeps the agency's
    /// actions, grades and cases only; the filter offers both, each by the name its row has.
    /// </summary>
    [Fact]
    public async Task TheAgencyFilterKeepsThePartnershipAndTheAgencyOfItsNameApart()
    {
        var all = await SummaryAsync("");
        var partnership = await SummaryAsync("?owner=partnership");
        var agency = await SummaryAsync("?agency=The%20partnership");
        using var html = await tab.GetAsync("/tab/api/view?owner=partnership", tab.Token(TabHost.Chair));
        var view = await html.Content.ReadAsStringAsync();

        Assert.Equal(["County Police", "The partnership"], all.GetProperty("agencies").EnumerateArray().Select(a => a.GetString()));
        Assert.True(all.GetProperty("partnershipTookPart").GetBoolean());
        Assert.Equal([(PlannedAction.PartnershipOwner, true, 3)], Rows(partnership));
        Assert.Equal((1, 0, 0), Figures3(partnership));
        Assert.Equal([(Agency, false, 1)], Rows(agency));
        Assert.Equal((1, 2, 2), Figures3(agency));
        Assert.Contains("The audits The partnership took part in, with its own grades and actions only.", view, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(JsonSerializer.Serialize(new object[]
        {
            new { value = "County Police", label = "County Police" },
            new { value = "partnership", label = "The partnership", owner = "partnership" },
            new { value = "The partnership", label = Agency },
        })), view, StringComparison.Ordinal);
    }

    /// <summary>
    /// The action plans' workbook of the tab keeps the same owner as the filter, and its owner column says which is which
    /// (the chair's own download of a plan is the same workbook).
    /// </summary>
    [Fact]
    public async Task TheActionPlansWorkbookKeepsThePartnershipAndTheAgencyOfItsNameApart()
    {
        var partnership = await PlanRowsAsync("?owner=partnership");
        var agency = await PlanRowsAsync("?agency=The%20partnership");
        var all = await PlanRowsAsync("");

        var owner = ActionPlanXlsx.Headers.ToList().IndexOf("Owner agency");
        Assert.Equal(["A2", "A3", "A4"], partnership.Select(r => r[1]).Order(StringComparer.Ordinal));
        Assert.All(partnership, r => Assert.Equal(PlannedAction.PartnershipOwner, r[owner]));
        Assert.Equal(["A1"], agency.Select(r => r[1]));
        Assert.Equal(Agency, agency[0][owner]);
        Assert.Equal(1, all.Count(r => r[owner] == Agency));
        Assert.Equal(3, all.Count(r => r[owner] == PlannedAction.PartnershipOwner));
    }

    [Theory]
    [InlineData("?owner=agency-3")]
    [InlineData("?owner=partnership&agency=County%20Police")]
    public async Task AnOwnerOtherThanThePartnershipIsRefused(string filter)
    {
        using var response = await tab.GetAsync("/tab/api/summary" + filter, tab.Token(TabHost.Chair));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Choose an agency from the list of agencies.", await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> SummaryAsync(string filter)
    {
        using var json = await tab.GetAsync("/tab/api/summary" + filter, tab.Token(TabHost.Chair));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        return JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<List<List<string>>> PlanRowsAsync(string filter)
    {
        using var plans = await tab.GetAsync("/tab/api/actions.xlsx" + filter, tab.Token(TabHost.Chair));
        Assert.Equal(HttpStatusCode.OK, plans.StatusCode);
        return ActionPlanWorkbook.Read(await plans.Content.ReadAsByteArrayAsync())["Action plan"].Skip(1)
            .Where(r => r[0] == "Neglect audit").Select(r => r.ToList()).ToList();
    }

    private static List<(string?, bool, int)> Rows(JsonElement view) => view.GetProperty("actions").EnumerateArray()
        .Select(a => (a.GetProperty("agency").GetString(), a.GetProperty("partnership").GetBoolean(), a.GetProperty("total").GetInt32()))
        .ToList();

    private static (int Audits, int Cases, int Returns) Figures3(JsonElement view) => (view.GetProperty("auditsHeld").GetInt32(),
        view.GetProperty("casesAudited").GetInt32(), view.GetProperty("returnsGraded").GetInt32());

    private async Task<Dictionary<string, JsonElement>> ActionRowsAsync()
    {
        using var json = await tab.GetAsync("/tab/api/summary", tab.Token(TabHost.Chair));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        return JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("actions").EnumerateArray()
            .ToDictionary(a => a.GetProperty("agency").GetString()!, a => a.Clone());
    }

    private static (int Open, int Overdue, int Completed, bool Partnership) Figures(JsonElement row) =>
        (row.GetProperty("open").GetInt32(), row.GetProperty("overdue").GetInt32(), row.GetProperty("completed").GetInt32(),
            row.GetProperty("partnership").GetBoolean());

    /// <summary>
    /// An audit with an agency named "The partnership", whose plan has actions of that agency and of the partnership itself
    /// (one stored before the choice was kept); and a closed audit that left two of its actions unfinished.
    /// </summary>
    public sealed class OwnersTab : TabHost
    {
        protected override async Task SeedAsync(DateTimeOffset now)
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var neglect = await TabSeed.AuditAsync(Host, BotTestHost.TenantId, new SeedAudit("Neglect audit", "Neglect",
                now.AddMonths(-3), 2, ["County Police", "The partnership"], ["good"]));
            await ActionAsync(neglect, 1, "The partnership", partnership: false, today.AddDays(30));
            await ActionAsync(neglect, 2, "The partnership", partnership: true, today.AddDays(-5));
            await ActionAsync(neglect, 3, "The partnership", partnership: true, today.AddDays(30), finished: true);
            await ActionAsync(neglect, 4, "The partnership", partnership: true, today.AddDays(30), storedBeforeTheChoice: true);

            var domestic = await TabSeed.AuditAsync(Host, BotTestHost.TenantId, new SeedAudit("Domestic abuse audit",
                "Domestic abuse", now.AddMonths(-6), 2, ["County Police"], ["requires-improvement"], Released: false));
            await ActionAsync(domestic, 1, "County Police", partnership: false, today.AddDays(-10));
            await ActionAsync(domestic, 2, "County Police", partnership: false, today.AddDays(20), evidenceSent: true);
            await ActionAsync(domestic, 3, "County Police", partnership: false, today.AddDays(20), finished: true);
            await Host.WorkAsync(async services => Assert.True((await services.GetRequiredService<AuditStore>().ChangeAuditAsync(
                domestic.Id, a => a.ReleaseForModeration(now) is { Succeeded: false } refused ? refused : a.Close(now),
                CancellationToken.None)).Saved));
        }

        private async Task ActionAsync(Audit audit, int number, string owner, bool partnership, DateOnly dueOn,
            bool evidenceSent = false, bool finished = false, bool storedBeforeTheChoice = false)
        {
            var created = new DateTimeOffset(dueOn.AddDays(-60).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var lead = new PersonRef("lead-" + number, "Lead " + number) { TenantId = audit.TenantId };
            var action = PlannedAction.Create(Guid.NewGuid(), audit.TenantId!, audit.Id, audit.Title, number,
                new ActionDraft("Agree a shared checklist", owner, new ActionLead(lead, null), dueOn, "Checklist in use",
                    [Themes.Neglect], null) { PartnershipOwned = partnership }, audit.Chair, created).ValueOrThrow();
            if (evidenceSent || finished)
            {
                Assert.True(action.SubmitEvidence(lead, "Checklist adopted by every team", created.AddDays(10)).Succeeded);
            }

            if (finished)
            {
                Assert.True(action.SignOff(audit.Chair, created.AddDays(11)).Succeeded);
            }

            if (storedBeforeTheChoice)
            {
                // As a release that did not keep the owner's choice stored it: read by its name, as the action plan reads it.
                var json = JsonNode.Parse(JsonSerializer.Serialize(action, DocumentStoreExtensions.DefaultJsonOptions))!.AsObject();
                Assert.True(json.Remove("ownedByPartnership"));
                action = JsonSerializer.Deserialize<PlannedAction>(json.ToJsonString(), DocumentStoreExtensions.DefaultJsonOptions)!;
            }

            await Host.WorkAsync(async services =>
                Assert.True(await services.GetRequiredService<ActionStore>().InsertAsync(action, CancellationToken.None)));
        }
    }
}

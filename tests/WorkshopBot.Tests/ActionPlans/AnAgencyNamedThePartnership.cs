using System.Text.Json;
using System.Text.Json.Nodes;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// An audit's agency may be called "The partnership", as the partnership's own entry is. It is still an agency: the chair
/// can tell the two apart on the forms, its actions are shared by its leads as any agency's are, and the audit log names
/// it by its id; the partnership's own actions stay their named leads' only. Which one owns an action is what the chair
/// chose, kept with the action, never read from the name; an action stored before that was kept reads as it did.
/// </summary>
public sealed class AnAgencyNamedThePartnership
{
    private const string Measure = "Every referral is audited within a month";

    [Fact]
    public async Task AnAgencyCalledThePartnershipOwnsItsActionsAsAnAgencyNotAsThePartnership()
    {
        await using var s = await StartAsync(moreAgencies: ["The partnership"]);
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        var form = (await s.InChannelAsync(Chair, CreateScreen.Form, new CreateFormData(s.Audit.Id, 0))).Card!.Value;

        Assert.Equal(
        [
            ("The partnership", "The partnership"), ("County Police", "County Police"), ("Health Visiting", "Health Visiting"),
            ("The partnership (one of this audit's agencies)", "agency-3"),
        ], Choices(form, "ownerAgency"));
        // A recommendation the workshop gave the agency starts its form with the agency; the partnership's, the partnership.
        var prefilled = new List<string>();
        foreach (var text in new[] { WorkshopRecommendationOf("The partnership"), PartnershipRecommendation })
        {
            var number = s.Recommendations.Single(r => r.Text == text).Number;
            var filled = (await s.InChannelAsync(Chair, CreateScreen.Form, new CreateFormData(s.Audit.Id, number))).Card!.Value;
            prefilled.Add(InputValue(filled, "ownerAgency") ?? "(none)");
        }

        Assert.Equal(["agency-3", "The partnership"], prefilled);
        foreach (var (what, owner, lead) in new[]
        {
            ("Audit the agency's referrals", "agency-3", PoliceLead), ("Train the agency's staff", "agency-3", HealthLead),
            ("Publish a multi-agency escalation guide", "The partnership", HealthLead),
        })
        {
            Assert.Contains("created", Text(await s.InChannelAsync(Chair, CreateScreen.Create,
                new CreateActionData(s.Audit.Id, 0, what, owner, lead.Id, "2026-06-30", Measure, null, null))), StringComparison.Ordinal);
        }

        var actions = await s.ActionsAsync();
        Assert.Equal([false, false, true], actions.Select(a => a.IsPartnershipOwned));
        Assert.All(actions, a => Assert.Equal("The partnership", a.OwnerAgency));
        Assert.Equal(["agency-3", "agency-3", "partnership"], (await s.LogAsync("action")).Where(e => e.Action == "action.created")
            .OrderBy(e => e.Id).Select(e => JsonDocument.Parse(e.DetailJson!).RootElement.GetProperty("agency").GetString()));
        // The agency's leads share its actions; the partnership's action is its named lead's only.
        var agencyAction = Text(await s.InChatAsync(PoliceLead, ProgressScreen.View, new ActionRefData(actions[1].Id)));
        Assert.Contains("Train the agency's staff", agencyAction, StringComparison.Ordinal);
        // The cards say which owner it is: the action's facts and the plan's list.
        Assert.Contains("\"title\":\"Owner agency\",\"value\":\"The partnership (an agency)\"", agencyAction, StringComparison.Ordinal);
        var plan = Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id)));
        Assert.Equal(2, plan.Split(" · The partnership (an agency)").Length - 1);
        Assert.Equal(3, plan.Split(" · The partnership").Length - 1);
        Assert.Contains(ActionGuard.NotYoursTitle, Text(await s.InChatAsync(PoliceLead, ProgressScreen.View,
            new ActionRefData(actions[2].Id))), StringComparison.Ordinal);

        // The partnership's action given to the agency of the same name, with the same lead, is a change, not a repeat.
        Assert.Contains("Saved.", Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
            new ReassignData(actions[2].Id, "agency-3", HealthLead.Id, "The agency leads it now", null))), StringComparison.Ordinal);
        Assert.False((await s.ActionsAsync())[2].IsPartnershipOwned);
        var reassigned = Assert.Single(await s.LogAsync("action"), e => e.Action == "action.reassigned");
        var detail = JsonDocument.Parse(reassigned.DetailJson!).RootElement;
        Assert.Equal(("partnership", "agency-3"), (detail.GetProperty("from").GetString(), detail.GetProperty("to").GetString()));
    }

    /// <summary>
    /// The chair's choice is kept with the action, and the plan's tracker counts the partnership's actions on a row of their
    /// own. An action stored before the choice was kept is the partnership's when it is named so, as it was read then.
    /// </summary>
    [Fact]
    public void OwnershipIsTheChoiceKeptWithTheActionAndStoredActionsReadAsTheyDid()
    {
        var agencys = Action("The partnership", partnership: false);
        var partnerships = Action("The partnership", partnership: true);

        var rows = ActionTrackerView.Build("Audit", [agencys, partnerships], new DateOnly(2026, 4, 20)).Agencies;

        Assert.Equal((false, true), (agencys.IsPartnershipOwned, partnerships.IsPartnershipOwned));
        Assert.Equal(2, rows.Count);
        Assert.True(ActionViewer.GrantsAgency(agencys, Lead));
        Assert.Equal((true, false),
            (StoredBefore(partnerships).IsPartnershipOwned, StoredBefore(Action("Police", false)).IsPartnershipOwned));
        Assert.True(StoredBefore(agencys).IsPartnershipOwned);
        Assert.Equal((false, true), (Reload(agencys).IsPartnershipOwned, Reload(partnerships).IsPartnershipOwned));
    }

    /// <summary>
    /// The tracker's rows (and its list of open actions) say which is which: the partnership's own actions are "The
    /// partnership", those of the agency of that name "The partnership (an agency)". Other agencies read as they are named.
    /// </summary>
    [Fact]
    public void TheTrackerLabelsThePartnershipAndTheAgencyOfItsNameApart()
    {
        var view = ActionTrackerView.Build("Audit",
            [Action("The partnership", partnership: false), Action("The partnership", partnership: true), Action("Police", false)],
            new DateOnly(2026, 4, 20));

        var card = AdaptiveCardJson.ToJsonElement(TrackerCard.Tracker(view, Guid.NewGuid(), DateTimeOffset.UnixEpoch));

        var agencies = card.GetProperty("body").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "Table")
            .GetProperty("rows").EnumerateArray().Skip(1)
            .Select(r => r.GetProperty("cells")[0].GetProperty("items")[0].GetProperty("text").GetString()).ToList();
        Assert.Equal(["Police", "The partnership", "The partnership (an agency)"], agencies.Order(StringComparer.Ordinal));
        var listed = card.GetProperty("body").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "Container")
            .Select(c => c.GetProperty("items")[0].GetProperty("text").GetString()!).ToList();
        Assert.Equal(3, listed.Count);
        Assert.Single(listed, l => l.Contains(" · The partnership (an agency) · ", StringComparison.Ordinal));
        Assert.Single(listed, l => l.Contains(" · The partnership · ", StringComparison.Ordinal));
    }

    private static readonly PersonRef Lead = new("lead-1", "Lee Lead") { TenantId = "tenant-1" };

    private static PlannedAction Action(string owner, bool partnership) => PlannedAction.Create(Guid.NewGuid(), "tenant-1",
        Guid.NewGuid(), "Audit", 1, new ActionDraft("Do it", owner, new ActionLead(Lead, null), new DateOnly(2026, 6, 1), "Measure", [],
            null) { PartnershipOwned = partnership }, new PersonRef("chair-1", "Casey Chair") { TenantId = "tenant-1" },
        new DateTimeOffset(2026, 4, 14, 9, 0, 0, TimeSpan.Zero)).ValueOrThrow();

    private static PlannedAction Reload(PlannedAction action) => JsonSerializer.Deserialize<PlannedAction>(
        JsonSerializer.Serialize(action, DocumentStoreExtensions.DefaultJsonOptions), DocumentStoreExtensions.DefaultJsonOptions)!;

    /// <summary>The action as a release that did not keep the owner's choice stored it.</summary>
    private static PlannedAction StoredBefore(PlannedAction action)
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(action, DocumentStoreExtensions.DefaultJsonOptions))!.AsObject();
        Assert.True(json.Remove("ownedByPartnership"));
        return JsonSerializer.Deserialize<PlannedAction>(json.ToJsonString(), DocumentStoreExtensions.DefaultJsonOptions)!;
    }

    /// <summary>The (title, value) choices of a card's choice input.</summary>
    private static List<(string?, string?)> Choices(JsonElement card, string inputId) =>
        card.GetProperty("body").EnumerateArray()
            .Single(e => e.TryGetProperty("id", out var id) && id.GetString() == inputId)
            .GetProperty("choices").EnumerateArray()
            .Select(c => (c.GetProperty("title").GetString(), c.GetProperty("value").GetString()))
            .ToList();
}

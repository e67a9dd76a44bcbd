using System.Text.Json;
using System.Text.Json.Nodes;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Common;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The action-plan workbook's Evidence column is the evidence the action stands on: while it waits for sign-off, or once
/// signed off. Evidence the chair sent back is not shown as the action's evidence, and is not lost when the lead sends
/// other evidence: every evidence sent is in the action's history and on the History sheet, which lists what happened in
/// the order it happened, also within one day. An action stored before that history was kept still loads, and shows the
/// evidence it kept.
/// </summary>
public sealed class WorkbooksKeepEveryEvidenceSent
{
    private static readonly DateTimeOffset Now = new(2026, 4, 14, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 4, 20);
    private static readonly PersonRef Chair = new("chair-1", "Casey Chair") { TenantId = "tenant-1" };
    private static readonly PersonRef Lead = new("lead-1", "Lee Lead") { TenantId = "tenant-1" };

    private const int EvidenceColumn = 12;

    [Fact]
    public void EvidenceSentBackIsNotTheActionsEvidence()
    {
        var action = Action();
        Assert.True(action.SubmitEvidence(Lead, "First evidence: a leaflet", Now).Succeeded);
        Assert.True(action.ReturnEvidence(Chair, "Not enough", Now.AddHours(1)).Succeeded);

        Assert.Equal("Evidence", ActionPlanXlsx.Headers[EvidenceColumn]);
        Assert.Null(ActionPlanXlsx.Row(action, Today, a => a.Recommendation)[EvidenceColumn]);

        Assert.True(action.SubmitEvidence(Lead, "Second evidence: the audit of 20 records", Now.AddHours(2)).Succeeded);
        Assert.Equal("Second evidence: the audit of 20 records", ActionPlanXlsx.Row(action, Today, a => a.Recommendation)[EvidenceColumn]);
    }

    [Fact]
    public void TheHistoryHasEveryEvidenceSentInTheOrderThingsHappened()
    {
        var action = Action();
        // All on one day: the lead's update comes after the chair sent the first evidence back, the second evidence after it.
        Assert.True(action.SubmitEvidence(Lead, "First evidence: a leaflet", Now.AddHours(1)).Succeeded);
        Assert.True(action.ReturnEvidence(Chair, "Not enough", Now.AddHours(2)).Succeeded);
        Assert.True(action.RecordProgress(Lead, ActionRag.Amber, "Auditing 20 records", false, Now.AddHours(3)).Succeeded);
        Assert.True(action.SubmitEvidence(Lead, "Second evidence: the audit of 20 records", Now.AddHours(4)).Succeeded);
        Assert.True(action.SignOff(Chair, Now.AddHours(5)).Succeeded);

        var history = ActionPlanWorkbook.Read(ActionPlanXlsx.Render([action], Today, a => a.Recommendation))["History"].Skip(1)
            .Select(r => (r[4], r[6])).ToList();

        Assert.Equal(["Evidence sent back", "Progress", "Signed off"],
            history.Select(h => h.Item1).Where(w => w != "Evidence sent for sign-off"));
        Assert.Equal(
        [
            ("Evidence sent for sign-off", "First evidence: a leaflet"),
            ("Evidence sent back", "Not enough"),
            ("Progress", "Auditing 20 records"),
            ("Evidence sent for sign-off", "Second evidence: the audit of 20 records"),
            ("Signed off", ""),
        ], history);
        Assert.Equal([1, 2], action.EvidenceSent.Select(e => e.Number));
    }

    [Fact]
    public void AnActionStoredBeforeEvidenceWasKeptLoadsAndKeepsItsEvidence()
    {
        var action = Action();
        Assert.True(action.SubmitEvidence(Lead, "First evidence: a leaflet", Now).Succeeded);
        Assert.True(action.ReturnEvidence(Chair, "Not enough", Now.AddHours(1)).Succeeded);
        var json = JsonNode.Parse(JsonSerializer.Serialize(action, DocumentStoreExtensions.DefaultJsonOptions))!.AsObject();
        Assert.True(json.Remove("evidenceSent"));

        var stored = JsonSerializer.Deserialize<PlannedAction>(json.ToJsonString(), DocumentStoreExtensions.DefaultJsonOptions)!;

        Assert.Empty(stored.EvidenceSent);
        Assert.Contains(ActionPlanWorkbook.Read(ActionPlanXlsx.Render([stored], Today, a => a.Recommendation))["History"],
            r => r[4] == "Evidence sent for sign-off" && r[6] == "First evidence: a leaflet");
        Assert.True(stored.SubmitEvidence(Lead, "Second evidence: the audit of 20 records", Now.AddHours(2)).Succeeded);
        Assert.Equal(["First evidence: a leaflet", "Second evidence: the audit of 20 records"],
            stored.EvidenceSent.Select(e => e.Text));
    }

    private static PlannedAction Action() => PlannedAction.Create(Guid.NewGuid(), "tenant-1", Guid.NewGuid(), "Audit", 1,
        new ActionDraft("Do it", "Police", new ActionLead(Lead, null), new DateOnly(2026, 6, 1), "Measure", [], null), Chair, Now)
        .ValueOrThrow();
}

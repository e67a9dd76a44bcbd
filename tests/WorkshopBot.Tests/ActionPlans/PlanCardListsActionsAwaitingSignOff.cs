using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// A plan with more actions than the card lists keeps an action waiting for the chair's sign-off on the card, with the
/// open ones, before finished ones: the chair must act on it. The card's note says so.
/// </summary>
public sealed class PlanCardListsActionsAwaitingSignOff
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private static readonly PersonRef Chair = new("chair-1", "Casey Chair") { TenantId = "tenant-1" };

    [Fact]
    public void AnActionAwaitingSignOffIsListedBeforeFinishedOnes()
    {
        var audit = Audit.Create(Guid.NewGuid(), "Multi-agency audit: neglect", QuestionTemplates.BlankKey, Chair, Now).ValueOrThrow();
        var briefing = new Briefing(audit.Id, "Neglect", [], [], new BriefingFooter("Cases are anonymised.", Today, "Business unit"));
        var actions = Enumerable.Range(1, PlanCard.MaxPlanActions + 2).Select(n => Make(audit, n)).ToList();
        foreach (var a in actions.Take(10))
        {
            Assert.True(a.SubmitEvidence(a.Lead.Person, "Done and checked", Now).Succeeded);
            Assert.True(a.SignOff(Chair, Now).Succeeded);
        }

        var waiting = actions[^1];
        Assert.True(waiting.SubmitEvidence(waiting.Lead.Person, "Done, please sign off", Now).Succeeded);
        Assert.Equal(ActionState.AwaitingSignOff, waiting.State);

        var json = AdaptiveCardJson.Serialize(PlanCard.Plan(new ApprovedBriefing(audit, briefing, 1), [], actions, Today));

        Assert.Contains($"\"A{waiting.Number} · ", json, StringComparison.Ordinal);
        Assert.All(actions.Skip(10).SkipLast(1), a => Assert.Contains($"\"A{a.Number} · ", json, StringComparison.Ordinal));
        Assert.Contains("\"A1 · ", json, StringComparison.Ordinal); // finished: the first eight fill the card
        Assert.DoesNotContain("\"A9 · ", json, StringComparison.Ordinal); // the last two are left for the XLSX
        Assert.DoesNotContain("\"A10 · ", json, StringComparison.Ordinal);
        Assert.Contains("2 more actions are in the Excel download. Overdue actions, then the others still open or waiting for "
            + "sign-off, are listed here before finished ones.", json, StringComparison.Ordinal);
    }

    /// <summary>One action past the limit is "1 more action"; an overdue row gives its due date once, in its status.</summary>
    [Fact]
    public void OneMoreActionIsSaidSoAndAnOverdueRowGivesItsDueDateOnce()
    {
        var audit = Audit.Create(Guid.NewGuid(), "Multi-agency audit: neglect", QuestionTemplates.BlankKey, Chair, Now).ValueOrThrow();
        var briefing = new Briefing(audit.Id, "Neglect", [], [], new BriefingFooter("Cases are anonymised.", Today, "Business unit"));
        var actions = Enumerable.Range(1, PlanCard.MaxPlanActions + 1).Select(n => Make(audit, n)).ToList();
        var due = Today.AddMonths(3);
        var later = due.AddDays(1);

        var json = AdaptiveCardJson.Serialize(PlanCard.Plan(new ApprovedBriefing(audit, briefing, 1), [], actions, later));

        Assert.Contains("1 more action is in the Excel download.", json, StringComparison.Ordinal);
        Assert.Contains("\"A1 · Agency 1\"", json, StringComparison.Ordinal);
        Assert.Contains($"Overdue: was due {ActionCardKit.Day(due)}", json, StringComparison.Ordinal);
        Assert.DoesNotContain($"· due {ActionCardKit.Day(due)}", json, StringComparison.Ordinal);
    }

    private static PlannedAction Make(Audit audit, int n) => PlannedAction.Create(Guid.NewGuid(), "tenant-1", audit.Id, audit.Title, n,
        new ActionDraft("Review the chronology template", $"Agency {n}",
            new ActionLead(new PersonRef($"lead-{n}", $"Lead {n}") { TenantId = "tenant-1" }, null),
            Today.AddMonths(3), "Quarterly audit", ["neglect"], null), Chair, Now).ValueOrThrow();
}

using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;
using ChairHandoverData = WorkshopBot.Audits.Teams.ChairHandoverData;
using ChairHandovers = WorkshopBot.Audits.Teams.ChairHandovers;
using ChairScreen = WorkshopBot.Audits.Teams.ChairScreen;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// Overdue notices are the chair's as the audit stands when they are sent: after a handover the next one goes to the new chair
/// only, and the old chair's overdue notices, which named the action and carried the chair's button, are replaced by one that
/// shows nothing of it (their press on the old button is refused, revealing nothing). A step that reads the plan's copy of
/// the chair from before a handover still addresses the audit's chair.
/// </summary>
public sealed class OverdueNoticesAfterChairHandover
{
    private const string First = "Agree an information-sharing protocol between police and health";
    private const string Second = "Audit twenty police referrals to children's social care";
    private static readonly TestUser NewChair = BotTestHost.User("Incoming Overdue Chair");

    [Fact]
    public async Task TheNextOverdueNoticeGoesToTheNewChairOnlyAndTheOldChairsNoticeShowsNothing()
    {
        await using var s = await StartWithPlanAsync();
        await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, Second, "County Police",
            PoliceLead.Id, "2026-06-30", PartnershipMeasure, null, null));
        var a1 = (await s.ActionsAsync()).Single(a => a.What == First);
        await OverdueOnAsync(s, new DateOnly(2026, 5, 30));
        Assert.Single(s.ChatCards(Chair), c => c.Contains("A1 is overdue", StringComparison.Ordinal));

        var answer = Text(await s.InChannelAsync(PartnershipAdmin, ChairScreen.Save,
            new ChairHandoverData(s.Audit.Id, Chair.AadObjectId, NewChair.Id, nameof(ChairHandoverReason.LeftRole))));
        Assert.Contains("Incoming Overdue Chair is now the chair of this audit.", answer, StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();

        var oldChat = BotTestHost.PersonalChat(Chair).Id;
        var replaced = Assert.Single(s.Host.Sent(oldChat), a => a.Method == "PUT");
        Assert.Contains("Overdue action handed over", replaced.AllText, StringComparison.Ordinal);
        foreach (var hidden in new[] { First, PoliceLead.Name, "County Police", ManageScreen.Manage })
        {
            Assert.DoesNotContain(hidden, replaced.AllText, StringComparison.Ordinal);
        }

        var notice = Assert.Single(s.ChatCards(NewChair), c => c.Contains("You are now the chair of an audit", StringComparison.Ordinal));
        Assert.Contains("1 action of the action plan overdue", notice, StringComparison.Ordinal);
        var logged = Assert.Single(await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.Audit.Id.ToString("D")),
            e => e.Action == ChairHandovers.HandedOver);
        Assert.Contains("\"overdueCardsReplaced\":1", logged.DetailJson, StringComparison.Ordinal);

        // The old chair's press on the button their notice had is refused, showing nothing of the action.
        var refused = Text(await s.InChatAsync(Chair, ManageScreen.Manage, new ActionRefData(a1.Id)));
        Assert.Contains(ActionGuard.NotYoursTitle, refused, StringComparison.Ordinal);
        Assert.DoesNotContain(First, refused, StringComparison.Ordinal);

        var oldChairCards = s.ChatCards(Chair).Count;
        await OverdueOnAsync(s, new DateOnly(2026, 6, 30));
        Assert.Single(s.ChatCards(NewChair), c => c.Contains("A2 is overdue", StringComparison.Ordinal));
        Assert.Equal(oldChairCards, s.ChatCards(Chair).Count);
        Assert.DoesNotContain(s.ChatCards(Chair), c => c.Contains("A2 is overdue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOverdueNoticeGoesToTheAuditsChairWhenThePlansCopyIsOlder()
    {
        await using var s = await StartWithPlanAsync();
        var newChatOfNewChair = BotTestHost.PersonalChat(NewChair);
        await s.Host.SayAsync(NewChair, newChatOfNewChair, "help");
        // As a step sees it when it read the plan just before a handover committed and the audit just after: the audit's
        // chair has moved, the plan's copy not yet.
        await s.Host.WorkAsync(async services =>
        {
            var to = new PersonRef(NewChair.AadObjectId, NewChair.Name) { TenantId = BotTestHost.TenantId };
            var changed = await services.GetRequiredService<AuditStore>().ChangeAuditAsync(s.Audit.Id,
                a => a.HandOverChair(Chair.AadObjectId, to, ChairHandoverReason.Other, s.Time.GetUtcNow()), CancellationToken.None);
            Assert.True(changed.Saved);
        });

        await OverdueOnAsync(s, new DateOnly(2026, 5, 30));

        Assert.Single(s.ChatCards(NewChair), c => c.Contains("A1 is overdue", StringComparison.Ordinal));
        Assert.DoesNotContain(s.ChatCards(Chair), c => c.Contains("A1 is overdue", StringComparison.Ordinal));
    }

    /// <summary>The plan opened in the channel by the chair, with A1 (due 30 May 2026) led by the police lead.</summary>
    private static async Task<ActionScenario> StartWithPlanAsync()
    {
        var s = await StartAsync();
        s.Host.Connector.Roster.Add(new TeamsChannelAccount
        {
            Id = NewChair.Id, AadObjectId = NewChair.AadObjectId, Name = NewChair.Name, TenantId = BotTestHost.TenantId,
        });
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            First, "County Police", PoliceLead.Id, "2026-05-30", PartnershipMeasure, null, null))), StringComparison.Ordinal);
        return s;
    }

    /// <summary>Moves to 10:00 on the day after <paramref name="due"/>, runs the action jobs and delivers what they queued.</summary>
    private static async Task OverdueOnAsync(ActionScenario s, DateOnly due)
    {
        s.Time.Advance(new DateTimeOffset(due.AddDays(1), new TimeOnly(10, 0), TimeSpan.Zero) - s.Time.GetUtcNow());
        await s.RunJobsAsync();
        await s.Host.DrainOutboxAsync();
    }
}

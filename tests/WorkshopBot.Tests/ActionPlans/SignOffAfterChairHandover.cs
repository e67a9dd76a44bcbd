using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;
using ChairHandoverData = WorkshopBot.Audits.Teams.ChairHandoverData;
using ChairHandovers = WorkshopBot.Audits.Teams.ChairHandovers;
using ChairScreen = WorkshopBot.Audits.Teams.ChairScreen;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// An action waiting for the chair's sign-off when the audit's chair is handed over: the new chair is sent its request once,
/// however often the press arrives, and signs it off; the old chair's request card is replaced by one that shows nothing of
/// the action, and their press on it is refused, revealing nothing. The plan has no chair of its own: it is the audit's.
/// </summary>
public sealed class SignOffAfterChairHandover
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";
    private const string Evidence = "Protocol signed by both agencies; June dip sample: 14 of 14 notes shared in time";
    private static readonly TestUser NewChair = BotTestHost.User("Incoming Plan Chair");

    [Fact]
    public async Task TheNewChairGetsTheSignOffRequestOnceAndTheOldChairsCardShowsNothingOfIt()
    {
        await using var s = await StartAsync();
        s.Host.Connector.Roster.Add(new TeamsChannelAccount
        {
            Id = NewChair.Id, AadObjectId = NewChair.AadObjectId, Name = NewChair.Name, TenantId = BotTestHost.TenantId,
        });
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 1,
            What, "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());
        Assert.Contains("for sign-off", Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a1.Id, Evidence, null))), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        var oldChat = BotTestHost.PersonalChat(Chair).Id;
        Assert.Single(s.Host.Sent(oldChat), a => a.AllText.Contains("A1 is ready for sign-off", StringComparison.Ordinal));

        var press = s.Host.CardAction(Chair, QaChannel, ChairScreen.Save,
            new ChairHandoverData(s.Audit.Id, Chair.AadObjectId, NewChair.Id, nameof(ChairHandoverReason.LeftRole)));
        // Handed over by the chair themselves.
        Assert.Contains("Incoming Plan Chair is now the chair of", Text(await s.Host.InvokeAsync(press)), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        await s.Host.InvokeAsync(press); // Delivered again: nothing more is sent.
        await s.Host.DrainOutboxAsync();

        var copy = Assert.Single(s.Host.Sent(BotTestHost.PersonalChat(NewChair).Id),
            a => a.AllText.Contains("A1 is ready for sign-off", StringComparison.Ordinal));
        Assert.Contains("You are now the chair of", copy.AllText, StringComparison.Ordinal);
        Assert.Contains(PoliceLead.Name, copy.AllText, StringComparison.Ordinal);
        var replaced = Assert.Single(s.Host.Sent(oldChat), a => a.Method == "PUT");
        Assert.Contains("Sign-off request handed over", replaced.AllText, StringComparison.Ordinal);
        foreach (var hidden in new[] { What, Evidence, PoliceLead.Name, SignOffScreen.Review })
        {
            Assert.DoesNotContain(hidden, replaced.AllText, StringComparison.Ordinal);
        }

        var logged = Assert.Single(await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.Audit.Id.ToString("D")),
            e => e.Action == ChairHandovers.HandedOver);
        Assert.Contains("\"signOffRequestsSent\":1", logged.DetailJson, StringComparison.Ordinal);
        Assert.DoesNotContain(Evidence, logged.DetailJson, StringComparison.Ordinal);

        // The old chair's presses on their old card are refused, showing nothing of the action, and change nothing.
        foreach (var (verb, data) in new (string, object)[]
        {
            (SignOffScreen.Review, new ActionRefData(a1.Id)), (SignOffScreen.SignOff, new SignOffData(a1.Id, 1)),
        })
        {
            var refused = Text(await s.InChatAsync(Chair, verb, data));
            Assert.Contains(ActionGuard.NotYoursTitle, refused, StringComparison.Ordinal);
            Assert.DoesNotContain(Evidence, refused, StringComparison.Ordinal);
            Assert.DoesNotContain(What, refused, StringComparison.Ordinal);
        }

        Assert.Equal(ActionState.AwaitingSignOff, Assert.Single(await s.ActionsAsync()).State);

        // The new chair reviews it from the card they were sent, and signs it off.
        var review = await s.InChatAsync(NewChair, SignOffScreen.Review, new ActionRefData(a1.Id));
        Assert.Contains(Evidence, Text(review), StringComparison.Ordinal);
        Assert.Contains("signed off and completed", Text(await s.InChatAsync(NewChair, SignOffScreen.SignOff,
            Press(review.Card!.Value, SignOffScreen.SignOff))), StringComparison.Ordinal);
        Assert.Equal(ActionState.Completed, Assert.Single(await s.ActionsAsync()).State);
    }
}

using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;
using static WorkshopBot.Tests.Support.OutboxTestMessages;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// When the chair extends the due date or moves the workshop, a representative counts as told only when the bot can reach
/// them, as the safety alerts decide it: it has their Teams id, their 1:1 chat with the bot is not closed, and, when it
/// has no chat of theirs, the audit's channel (whose serviceUrl the card then goes through) still has the bot. The others
/// are sent nothing and named on the chair's answer, so the chair tells them.
/// </summary>
public sealed class RepresentativesTheBotCannotReachAreNamed
{
    private const string Refused = "https://connector.example.invalid/uk/";

    private static readonly TestConversation ChairChat = BotTestHost.PersonalChat(Chair);

    [Fact]
    public async Task WhenTheChannelsHostIsRefusedEveryRepresentativeIsNamedAndNoCardIsQueued()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var conversations = s.Host.Get<IConversationStore>();
        var stale = (await conversations.GetAsync(Team.Id))! with { ServiceUrl = Refused };
        await conversations.UpsertAsync(stale);
        await s.Host.QueueAsync(o => o.Send(stale, Card("Tracker"), "probe:refused", null));
        await s.Host.DrainOutboxAsync();
        Assert.False((await conversations.GetAsync(Team.Id))!.Active);

        var answer = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, new ExtendDueData(s.AuditId, "2026-04-10"),
            ChairChat)).GetRawText();

        Assert.Contains("Returns are now due", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("have been told", answer, StringComparison.Ordinal);
        Assert.Contains("in Teams: please tell them.", answer, StringComparison.Ordinal);
        Assert.All(Agencies, a => Assert.Contains(a.Rep.Name, answer, StringComparison.Ordinal));
        Assert.DoesNotContain(await QueuedAsync(s), m => AuditMessageKey.Parse(m.DedupeKey)?.Kind == DueDateNotices.Kind);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        var logged = Assert.Single(events, e => e.Action == "audit.due-extended").DetailJson ?? "";
        Assert.Contains("\"told\":0", logged, StringComparison.Ordinal);
        Assert.Contains("\"notReached\":5", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARepresentativeWhoClosedTheirChatIsNamedAndTheOthersAreTold()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var closed = Agencies[2].Rep;
        var chat = BotTestHost.PersonalChat(closed);
        await s.Host.SendAsync(s.Host.Message(closed, chat, "help"));
        await s.Host.SendAsync(s.Host.Installation(closed, chat, "remove"));
        await s.Host.DrainOutboxAsync();
        var before = Agencies.ToDictionary(a => a.Rep.Name, a => s.Host.Sent(BotTestHost.PersonalChat(a.Rep).Id).Count);

        var answer = await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, new ExtendDueData(s.AuditId, "2026-04-03"));
        await s.Host.DrainOutboxAsync();

        AssertHasText(answer, $"Could not reach {closed.Name} in Teams: please tell them. The other 4 representatives have been told.");
        foreach (var (rep, _, _) in Agencies)
        {
            Assert.Equal(rep == closed ? 0 : 1, s.Host.Sent(BotTestHost.PersonalChat(rep).Id).Count - before[rep.Name]);
        }

        Assert.DoesNotContain(await QueuedAsync(s), m => AuditMessageKey.Parse(m.DedupeKey) is { Kind: DueDateNotices.Kind } key
            && key.Person == closed.AadObjectId);
    }

    [Fact]
    public async Task AfterTheBotLeavesTheChannelOnlyARepresentativeWithAnOpenChatIsToldOfTheMove()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var open = Agencies[0].Rep;
        await s.Host.SendAsync(s.Host.Message(open, BotTestHost.PersonalChat(open), "help"));
        await s.Host.SendAsync(s.Host.BotRemoved(Chair, Team));
        await s.Host.DrainOutboxAsync();
        var before = Agencies.ToDictionary(a => a.Rep.Name, a => s.Host.Sent(BotTestHost.PersonalChat(a.Rep).Id).Count);

        var answer = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.RescheduleWorkshop,
            new RescheduleWorkshopData(s.AuditId, "2026-05-01"), ChairChat)).GetRawText();
        await s.Host.DrainOutboxAsync();

        Assert.Contains("The other representative has been told.", answer, StringComparison.Ordinal);
        Assert.All(Agencies.Skip(1), a => Assert.Contains(a.Rep.Name, answer, StringComparison.Ordinal));
        Assert.DoesNotContain($"reach {open.Name}", answer, StringComparison.Ordinal);
        foreach (var (rep, _, _) in Agencies)
        {
            Assert.Equal(rep == open ? 1 : 0, s.Host.Sent(BotTestHost.PersonalChat(rep).Id).Count - before[rep.Name]);
        }
    }

    private static async Task<IReadOnlyList<OutboxMessage>> QueuedAsync(AuditScenario s) =>
        await s.Host.Get<IOutboxStore>().ListByCorrelationAsync(AuditMessenger.Correlation(s.AuditId));
}

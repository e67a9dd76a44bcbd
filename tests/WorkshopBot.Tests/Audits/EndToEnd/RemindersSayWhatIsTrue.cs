using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A reminder sent after the deadline says the return was due and can still be submitted, not that it "is due" on a past date; and a
/// return counts as reminded only when the bot can reach its representative (the rule extension notices and safety alerts
/// use): the chair's answer counts those and names the others, to remind them directly. The scenario's returns are due 20
/// March 2026 at 17:00 GMT; 13 are owed, 3 of them by the health visiting service.
/// </summary>
public sealed class RemindersSayWhatIsTrue
{
    [Fact]
    public async Task ARemindPressedAfterTheDeadlineSaysTheReturnWasDueAndIsOverdue()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 21, 10, 0, 0, TimeSpan.Zero));

        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId)),
            "Reminder sent for 13 outstanding returns.");
        await s.Host.DrainOutboxAsync();

        var reminder = s.SentTo(Agencies[0].Rep, "Reminder:")[0].AllText;
        Assert.Contains("was due 20 March 2026 at 17:00 GMT and has not been submitted yet. You can still submit it", reminder,
            StringComparison.Ordinal);
        Assert.DoesNotContain("is due", reminder, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARepresentativeWhoClosedTheirChatIsNamedAndNotCountedAsReminded()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var closed = Agencies[2].Rep;
        await CloseChatAsync(s, closed);
        var before = s.SentTo(closed, "Reminder:").Count;

        var answer = await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId));
        await s.Host.DrainOutboxAsync();

        AssertHasText(answer, $"Reminder sent for 10 outstanding returns. Could not reach {closed.Name} in Teams: please remind them.");
        Assert.Equal(before, s.SentTo(closed, "Reminder:").Count);
        Assert.Equal(3, s.SentTo(Agencies[0].Rep, "Reminder:").Count);
        var logged = Assert.Single(await EventsAsync(s), e => e.Action == "audit.reminded").DetailJson ?? "";
        Assert.Contains("\"sent\":10", logged, StringComparison.Ordinal);
        Assert.Contains("\"notReached\":1", logged, StringComparison.Ordinal);
        Assert.Empty(await s.Host.FreeTextInAuditLogAsync());
    }

    [Fact]
    public async Task TheAutomaticRoundCountsOnlyTheReturnsWhoseRepresentativeItCanReach()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await CloseChatAsync(s, Agencies[2].Rep);
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 18, 18, 0, 0, TimeSpan.Zero));

        Assert.Equal(10, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).RemindersSent);
    }

    [Fact]
    public async Task WhenNoRepresentativeCanBeReachedTheChairIsToldWhomToRemindNotThatNobodyNeededIt()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.Host.WorkAsync(services => services.GetRequiredService<AuditStore>().ChangeChannelAsync(s.AuditId,
            c => c.TeamsIds.Clear(), default));

        var answer = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId))).GetRawText();

        Assert.Contains("Nobody was reminded: WorkshopBot could not reach", answer, StringComparison.Ordinal);
        Assert.Contains("no reminder could be sent", answer, StringComparison.Ordinal);
        Assert.All(Agencies, a => Assert.Contains(a.Rep.Name, answer, StringComparison.Ordinal));
        Assert.Contains("Please remind them directly.", answer, StringComparison.Ordinal);
    }

    /// <summary>The person removes the app from their 1:1 chat with the bot, as Teams reports it: that chat is closed.</summary>
    private static async Task CloseChatAsync(AuditScenario s, TestUser person)
    {
        var chat = BotTestHost.PersonalChat(person);
        await s.Host.SendAsync(s.Host.Message(person, chat, "help"));
        await s.Host.SendAsync(s.Host.Installation(person, chat, "remove"));
        await s.Host.DrainOutboxAsync();
    }

    private static async Task<IReadOnlyList<AuditEvent>> EventsAsync(AuditScenario s) =>
        await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
}

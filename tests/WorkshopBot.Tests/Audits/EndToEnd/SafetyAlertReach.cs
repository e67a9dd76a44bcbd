using System.Text.Json;
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
/// The representative who answers "yes" to the immediate-safety question is told the truth about who the alert reached:
/// never "sent" when the bot could not reach the chair or the named lead in Teams.
/// </summary>
public sealed class SafetyAlertReach
{
    private static TestUser Police => Agencies[1].Rep;

    /// <summary>Saves "yes" with a narrative to the immediate-safety question of the police return on case 1.</summary>
    private static async Task<string> AnswerYesToSafetyAsync(AuditScenario s,
        string narrative = "Bruising seen at a recent contact; agency referral made today.")
    {
        return CardOf(await s.AsRepAsync(Police, ReturnsScreen.SaveSection, s.SafetyYes(await s.ReturnOfAsync(1), narrative)))
            .GetRawText();
    }

    /// <summary>
    /// An alert queued just before the bot was stopped for more than two days is sent when it starts again, not given up by
    /// the hourly job's first pass (which runs as the bot starts): the representative is not told it was undelivered.
    /// </summary>
    [Fact]
    public async Task AnAlertQueuedBeforeTheBotStoppedForDaysIsSentWhenItStartsAgain()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await AnswerYesToSafetyAsync(s);
        var queued = await SafetyRowsAsync(s);
        Assert.NotEmpty(queued);
        Assert.All(queued, m => Assert.Equal(OutboxStatus.Pending, m.Status));

        await s.Host.RestartAsync(() => s.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1)));
        await s.Host.Get<WorkshopBot.Conversations.ProcessedActivityPruner>().RunOnceAsync(default);
        Assert.All(await SafetyRowsAsync(s), m => Assert.Equal(OutboxStatus.Pending, m.Status));
        await s.Host.DrainOutboxAsync();
        await s.Host.Get<AuditJobs>().RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();

        var rows = await SafetyRowsAsync(s);
        Assert.All(rows.Where(m => queued.Any(q => q.DedupeKey == m.DedupeKey)), m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.DoesNotContain(rows, m => m.DedupeKey.Contains(":undelivered:", StringComparison.Ordinal));
    }

    private static async Task<List<OutboxMessage>> SafetyRowsAsync(AuditScenario s) =>
        (await s.Host.Get<IOutboxStore>().ListByCorrelationAsync(AuditMessenger.Correlation(s.AuditId)))
            .Where(m => m.DedupeKey.StartsWith("safety:", StringComparison.Ordinal)).ToList();

    /// <summary>Forgets how to reach these people 1:1 (as when they were never picked from the roster nor chatted).</summary>
    private static Task ForgetTeamsIdsAsync(AuditScenario s, params TestUser[] people) =>
        s.Host.WorkAsync(services => services.GetRequiredService<AuditStore>().ChangeChannelAsync(s.AuditId, c =>
        {
            foreach (var person in people)
            {
                c.TeamsIds.Remove(person.AadObjectId);
            }
        }, default));

    /// <summary>The person removes the app from their 1:1 chat with the bot, as Teams reports it: that chat is closed.</summary>
    private static async Task CloseChatAsync(AuditScenario s, TestUser person)
    {
        var chat = BotTestHost.PersonalChat(person);
        await s.Host.SendAsync(s.Host.Message(person, chat, "help"));
        await s.Host.SendAsync(s.Host.Installation(person, chat, "remove"));
    }

    /// <summary>What the log entry of this action on the audit's only alert says.</summary>
    private static async Task<string> LoggedAsync(AuditScenario s, string action)
    {
        var escalation = (await s.Store.ListEscalationsAsync(s.AuditId, default)).Single();
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, escalation.Id.ToString("D"));
        return events.Last(e => e.Action == action).DetailJson ?? "";
    }

    [Fact]
    public async Task WhenTheNamedLeadHasClosedTheirChatTheRepresentativeIsToldToContactThem()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await CloseChatAsync(s, Lead);

        var text = await AnswerYesToSafetyAsync(s);

        Assert.Contains("Your immediate concern has been sent to the chair. WorkshopBot could not reach Police Named Lead in Teams: "
            + "please contact them directly now.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sent to the chair and Police Named Lead", text, StringComparison.Ordinal);
        Assert.Contains("\"notReached\":1", await LoggedAsync(s, "safety.raised"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheChairHasClosedTheirChatTheRepresentativeIsToldToContactTheChair()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await CloseChatAsync(s, Chair);

        var text = await AnswerYesToSafetyAsync(s);

        Assert.Contains("Your immediate concern has been sent to Police Named Lead. WorkshopBot could not reach the chair in Teams: "
            + "please contact them directly now.", text, StringComparison.Ordinal);
        Assert.Contains("\"notReached\":1", await LoggedAsync(s, "safety.raised"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterTheBotLeavesTheAuditsChannelNobodyWithoutAChatIsSaidToHaveBeenSentTheAlert()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.Host.SendAsync(s.Host.BotRemoved(Chair, Team));

        var text = await AnswerYesToSafetyAsync(s);

        // Neither the chair nor the named lead has a 1:1 chat with the bot: their cards would go through the lost channel.
        Assert.DoesNotContain("has been sent to", text, StringComparison.Ordinal);
        Assert.Contains("could not reach the chair or Police Named Lead in Teams: please contact them directly now.", text,
            StringComparison.Ordinal);
        Assert.Contains("\"notReached\":2", await LoggedAsync(s, "safety.raised"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetailsChangedAfterTheNamedLeadClosedTheirChatTellTheRepresentativeToContactThem()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await AnswerYesToSafetyAsync(s, narrative: "");
        await CloseChatAsync(s, Lead);

        var text = await AnswerYesToSafetyAsync(s, narrative: "Sibling seen with a new bruise; strategy discussion requested.");

        Assert.Contains("has been sent to the chair. WorkshopBot could not reach Police Named Lead in Teams", text,
            StringComparison.Ordinal);
        Assert.Contains("\"notReached\":1", await LoggedAsync(s, "safety.details-updated"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResendLogsTheNamedLeadWhoClosedTheirChatAsNotReached()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await AnswerYesToSafetyAsync(s);
        await s.Host.DrainOutboxAsync();
        await CloseChatAsync(s, Lead);

        s.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).AlertsResent);

        Assert.Contains("\"notReached\":1", await LoggedAsync(s, "safety.resent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenNobodyCanBeReachedTheRepresentativeIsToldToContactThemDirectly()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await ForgetTeamsIdsAsync(s, Chair, Lead);

        var text = await AnswerYesToSafetyAsync(s);

        Assert.DoesNotContain("has been sent to", text, StringComparison.Ordinal);
        Assert.Contains("could not reach the chair or Police Named Lead", text, StringComparison.Ordinal);
        Assert.Contains("contact them directly now", text, StringComparison.Ordinal);
        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;
        Assert.Equal(2, escalation.RoutedTo.Count);
    }

    [Fact]
    public async Task WhenOnlyTheNamedLeadCannotBeReachedTheRepresentativeIsToldWho()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await ForgetTeamsIdsAsync(s, Lead);

        var text = await AnswerYesToSafetyAsync(s);
        await s.Host.DrainOutboxAsync();

        Assert.Contains("has been sent to the chair.", text, StringComparison.Ordinal);
        Assert.Contains("could not reach Police Named Lead", text, StringComparison.Ordinal);
        Assert.Single(s.SentTo(Chair, "Immediate safety concern"));
    }

    [Fact]
    public async Task WhenTheAlertCannotBeDeliveredToTheNamedLeadTheRepresentativeIsToldOnce()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var lead = Uri.EscapeDataString(BotTestHost.PersonalChat(Lead).Id);
        s.Host.Connector.Inject(lead, new InjectedFailure(403, "MessageWritesBlocked", Times: 100));

        await AnswerYesToSafetyAsync(s);
        await s.Host.DrainOutboxAsync();
        var jobs = s.Host.Get<AuditJobs>();
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();

        var told = Assert.Single(s.SentTo(Police, "was not delivered"));
        Assert.Contains("could not deliver your immediate-safety alert to Police Named Lead in Teams", told.AllText);
        Assert.Contains("contact them directly now", told.AllText);
        Assert.DoesNotContain("audit chair", told.AllText);
        Assert.Single(s.SentTo(Chair, "Immediate safety concern"));

        // Told once, however many passes and re-sends follow.
        s.Time.Advance(TimeSpan.FromMinutes(61));
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.SentTo(Police, "was not delivered"));
        Assert.Equal(2, s.SentTo(Chair, "Immediate safety concern").Count);
        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, escalation.Id.ToString("D"));
        Assert.Single(events, e => e.Action == "safety.undelivered");
    }

    /// <summary>
    /// The alert reached the named lead, who then blocked the app: the update with the new details the representative gives
    /// later cannot be delivered to them, and the representative is told so, as they are told of the alert itself, once.
    /// </summary>
    [Fact]
    public async Task WhenAnUpdateOfTheAlertCannotBeDeliveredToTheNamedLeadTheRepresentativeIsToldOnce()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await AnswerYesToSafetyAsync(s);
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.SentTo(Lead, "Immediate safety concern"));
        var lead = Uri.EscapeDataString(BotTestHost.PersonalChat(Lead).Id);
        s.Host.Connector.Inject(lead, new InjectedFailure(403, "MessageWritesBlocked", Times: 100));

        await AnswerYesToSafetyAsync(s, narrative: "Sibling seen with a new bruise; strategy discussion requested.");
        await s.Host.DrainOutboxAsync();
        var jobs = s.Host.Get<AuditJobs>();
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();

        var told = Assert.Single(s.SentTo(Police, "was not delivered"));
        Assert.Contains("could not deliver the latest update of your immediate-safety alert to Police Named Lead in Teams",
            told.AllText, StringComparison.Ordinal);
        Assert.Contains("contact them directly now", told.AllText, StringComparison.Ordinal);
        Assert.Single(s.SentTo(Chair, "added to or changed the details"));

        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.SentTo(Police, "was not delivered"));
        Assert.Contains("\"updatesNotDelivered\":1", await LoggedAsync(s, "safety.undelivered"), StringComparison.Ordinal);
    }

    /// <summary>
    /// The named lead blocked the app before the alert: the representative is told once about the alert, and told again
    /// when the new details they give later cannot reach the lead either (they would otherwise think the lead has them),
    /// but not for the bot's own hourly re-sends.
    /// </summary>
    [Fact]
    public async Task EachUpdateTheNamedLeadCannotBeGivenIsToldOnceAfterTheAlertItself()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var lead = Uri.EscapeDataString(BotTestHost.PersonalChat(Lead).Id);
        s.Host.Connector.Inject(lead, new InjectedFailure(403, "MessageWritesBlocked", Times: 100));
        var jobs = s.Host.Get<AuditJobs>();

        await AnswerYesToSafetyAsync(s);
        await s.Host.DrainOutboxAsync();
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        Assert.Contains("could not deliver your immediate-safety alert to Police Named Lead",
            Assert.Single(s.SentTo(Police, "was not delivered")).AllText, StringComparison.Ordinal);

        await AnswerYesToSafetyAsync(s, narrative: "Sibling seen with a new bruise; strategy discussion requested.");
        await s.Host.DrainOutboxAsync();
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        var told = s.SentTo(Police, "was not delivered");
        Assert.Equal(2, told.Count);
        Assert.Contains("could not deliver the latest update of your immediate-safety alert to Police Named Lead",
            told[1].AllText, StringComparison.Ordinal);

        s.Time.Advance(TimeSpan.FromMinutes(61));
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        Assert.Equal(2, s.SentTo(Police, "was not delivered").Count);
        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, escalation.Id.ToString("D"));
        Assert.Equal(2, events.Count(e => e.Action == "safety.undelivered"));
    }

    [Fact]
    public async Task DetailsGivenAfterABareYesReachTheChairAndNamedLeadOnTheSameAlert()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await AnswerYesToSafetyAsync(s, narrative: "");
        await s.Host.DrainOutboxAsync();
        Assert.Contains("no details given yet", Assert.Single(s.SentTo(Lead, "Immediate safety concern")).AllText);

        var text = await AnswerYesToSafetyAsync(s, narrative: "Sibling seen with a new bruise; strategy discussion requested.");
        await s.Host.DrainOutboxAsync();

        Assert.Contains("has been sent to the chair and Police Named Lead.", text, StringComparison.Ordinal);
        foreach (var person in new[] { Lead, Chair })
        {
            var update = Assert.Single(s.SentTo(person, "added to or changed the details"));
            Assert.Contains("Sibling seen with a new bruise", update.AllText);
        }

        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;
        Assert.Equal("Sibling seen with a new bruise; strategy discussion requested.", escalation.Details);

        // Saving the same details again sends nothing more.
        await AnswerYesToSafetyAsync(s, narrative: "Sibling seen with a new bruise; strategy discussion requested.");
        await s.Host.DrainOutboxAsync();
        Assert.Equal(2, s.SentTo(Lead, "Immediate safety concern").Count);
    }

    [Fact]
    public async Task WhenEveryoneCanBeReachedTheRepresentativeIsToldItWasSent()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();

        var text = await AnswerYesToSafetyAsync(s);

        Assert.Contains("has been sent to the chair and Police Named Lead.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("could not reach", text, StringComparison.Ordinal);
        Assert.Equal(ReturnStatus.Draft, (await s.ReturnOfAsync(1)).Status);
    }
}

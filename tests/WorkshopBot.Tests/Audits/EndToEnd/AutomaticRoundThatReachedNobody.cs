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
/// The automatic reminder round that could reach none of the representatives with a return outstanding is not counted as
/// sent: the chair is told once, in their 1:1 chat, that nobody was reminded and whom to remind (names only, never a case);
/// later passes try the round again without telling the chair again, and once someone can be reached it reminds them and is
/// done. A round the chair sends by hand meanwhile stands for it: nobody is reminded twice within minutes. A round that was
/// queued but that Teams delivered to nobody (each refused) is told to the chair once it is all through the outbox; one that
/// reminded some but not others (not reachable, or not delivered) tells the chair once which agencies it missed. The scenario's
/// returns are due 20 March 2026 at 17:00 GMT and reminded 2 days before; 13 returns are owed.
/// </summary>
public sealed class AutomaticRoundThatReachedNobody
{
    private static readonly DateTimeOffset ReminderTime = new(2026, 3, 18, 17, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Due = new(2026, 3, 20, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheChairIsToldOnceAndTheRoundGoesWhenSomeoneCanBeReached()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var (teamsIds, jobs) = await NobodyReachedAtTheReminderTimeAsync(s);
        s.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, (await jobs.RunOnceAsync(default)).RemindersSent);
        await s.Host.DrainOutboxAsync();

        var told = Assert.Single(NobodyRemindedNotices(s));
        Assert.Contains("The automatic reminder for the audit", told.AllText, StringComparison.Ordinal);
        Assert.Contains("reached nobody: WorkshopBot could not reach", told.AllText, StringComparison.Ordinal);
        Assert.All(Agencies, a => Assert.Contains(a.Rep.Name, told.AllText, StringComparison.Ordinal));
        Assert.Contains("Please remind them directly.", told.AllText, StringComparison.Ordinal);
        Assert.All(Cases, c => Assert.DoesNotContain(c, told.AllText, StringComparison.Ordinal));
        Assert.Null((await s.Store.GetChannelAsync(s.AuditId, default))!.Value.AutoRemindedForDue);
        var logged = Assert.Single(await RemindedLoggedAsync(s));
        Assert.Contains("\"sent\":0", logged, StringComparison.Ordinal);
        Assert.Contains("\"notReached\":5", logged, StringComparison.Ordinal);
        Assert.Contains("\"chairTold\":true", logged, StringComparison.Ordinal);

        // The representatives can be reached again: the next pass reminds them, and the round is done.
        await ChangeChannelAsync(s, c => c.TeamsIds = teamsIds);
        s.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(13, (await jobs.RunOnceAsync(default)).RemindersSent);
        s.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, (await jobs.RunOnceAsync(default)).RemindersSent);
        await s.Host.DrainOutboxAsync();

        Assert.All(Agencies.Take(4), a => Assert.Equal(3, s.SentTo(a.Rep, "Reminder:").Count));
        Assert.Single(NobodyRemindedNotices(s));
        Assert.Equal(Due, (await s.Store.GetChannelAsync(s.AuditId, default))!.Value.AutoRemindedForDue);
        Assert.Equal(2, (await RemindedLoggedAsync(s)).Count);
        Assert.Contains(await RemindedLoggedAsync(s), d => d.Contains("\"sent\":13", StringComparison.Ordinal));
        Assert.Empty(await s.Host.FreeTextInAuditLogAsync());
    }

    [Fact]
    public async Task ARoundTheChairSendsByHandAfterTheNoticeStandsForTheAutomaticOne()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var (teamsIds, jobs) = await NobodyReachedAtTheReminderTimeAsync(s);

        await ChangeChannelAsync(s, c => c.TeamsIds = teamsIds);
        s.Time.Advance(TimeSpan.FromMinutes(5));
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId)),
            "Reminder sent for 13 outstanding returns.");
        s.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, (await jobs.RunOnceAsync(default)).RemindersSent);
        await s.Host.DrainOutboxAsync();

        Assert.All(Agencies.Take(4), a => Assert.Equal(3, s.SentTo(a.Rep, "Reminder:").Count));
        Assert.Equal(Due, (await s.Store.GetChannelAsync(s.AuditId, default))!.Value.AutoRemindedForDue);
    }

    [Fact]
    public async Task ARoundTeamsDeliveredToNobodyIsToldToTheChairOnceItIsThrough()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var jobs = s.Host.Get<AuditJobs>();
        BlockEveryRepresentative(s);

        s.Time.SetUtcNow(ReminderTime);
        Assert.Equal(13, (await jobs.RunOnceAsync(default)).RemindersSent);
        Assert.Empty(NobodyRemindedNotices(s)); // Queued, not yet through: nothing to tell.
        await s.Host.DrainOutboxAsync();
        for (var pass = 0; pass < 3; pass++)
        {
            s.Time.Advance(TimeSpan.FromMinutes(10));
            await jobs.RunOnceAsync(default);
            await s.Host.DrainOutboxAsync();
        }

        Assert.All(Agencies, a => Assert.Empty(s.SentTo(a.Rep, "Reminder:")));
        var told = Assert.Single(NobodyRemindedNotices(s));
        Assert.Contains("reached nobody: Teams did not deliver it to", told.AllText, StringComparison.Ordinal);
        Assert.All(Agencies, a => Assert.Contains(a.Rep.Name, told.AllText, StringComparison.Ordinal));
        Assert.Contains("Please remind them directly.", told.AllText, StringComparison.Ordinal);
        Assert.All(Cases, c => Assert.DoesNotContain(c, told.AllText, StringComparison.Ordinal));
        var logged = (await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D")))
            .Where(e => e.Action == "audit.delivery-failed").ToList();
        Assert.Contains("\"automaticReminders\":true", Assert.Single(logged).DetailJson, StringComparison.Ordinal);
    }

    /// <summary>
    /// The round went two days before the due time, but no job pass looked at it again before the returns were due (the bot
    /// was stopped, or a reminder was still being retried then): once it is through, it is still told to the chair, once.
    /// </summary>
    [Fact]
    public async Task ARoundThroughOnlyAfterTheDueTimeIsStillToldToTheChair()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var jobs = s.Host.Get<AuditJobs>();
        BlockEveryRepresentative(s);

        s.Time.SetUtcNow(ReminderTime);
        Assert.Equal(13, (await jobs.RunOnceAsync(default)).RemindersSent);
        await s.Host.DrainOutboxAsync();
        Assert.Empty(NobodyRemindedNotices(s));

        s.Time.SetUtcNow(Due + TimeSpan.FromHours(1));
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        s.Time.Advance(TimeSpan.FromHours(1));
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();

        Assert.Contains("reached nobody: Teams did not deliver it to", Assert.Single(NobodyRemindedNotices(s)).AllText,
            StringComparison.Ordinal);
        Assert.Equal(Due, (await s.Store.GetChannelAsync(s.AuditId, default))!.Value.AutoReminderSettledForDue);
    }

    /// <summary>
    /// Teams delivered none of the round's reminders, and one representative could not be reached at all (nothing was queued
    /// to them): the chair's one notice of the round names them too, as they were not reminded either.
    /// </summary>
    [Fact]
    public async Task ARoundTeamsDeliveredToNobodyAlsoNamesThoseItCouldNotReach()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var jobs = s.Host.Get<AuditJobs>();
        BlockEveryRepresentative(s);
        await ChangeChannelAsync(s, c => c.TeamsIds.Remove(Agencies[2].Rep.AadObjectId));

        s.Time.SetUtcNow(ReminderTime);
        Assert.Equal(10, (await jobs.RunOnceAsync(default)).RemindersSent);
        await s.Host.DrainOutboxAsync();
        for (var pass = 0; pass < 3; pass++)
        {
            s.Time.Advance(TimeSpan.FromMinutes(10));
            await jobs.RunOnceAsync(default);
            await s.Host.DrainOutboxAsync();
        }

        var told = Assert.Single(NobodyRemindedNotices(s)).AllText;
        Assert.Contains("reached nobody: Teams did not deliver it to", told, StringComparison.Ordinal);
        Assert.All(Agencies, a => Assert.Contains(a.Rep.Name, told, StringComparison.Ordinal));
        Assert.Contains($"and WorkshopBot could not reach {Agencies[2].Rep.Name} in Teams", told, StringComparison.Ordinal);
        Assert.Contains("Please remind them directly.", told, StringComparison.Ordinal);
        Assert.All(Cases, c => Assert.DoesNotContain(c, told, StringComparison.Ordinal));
        Assert.Empty(NotRemindedNotices(s));
        var logged = (await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D")))
            .Where(e => e.Action == "audit.delivery-failed").ToList();
        Assert.Contains("\"notQueued\":[\"agency-3\"]", Assert.Single(logged).DetailJson, StringComparison.Ordinal);
        Assert.Empty(await s.Host.FreeTextInAuditLogAsync());
    }

    /// <summary>
    /// Nobody could be reached when the reminder time came (the chair was told so); later one representative could, and the
    /// round went to them, but Teams refused it: the chair's notice of that names the others too, still not reminded.
    /// </summary>
    [Fact]
    public async Task ARoundThatFirstReachedNobodyAndThenFailedNamesEveryoneNotReminded()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var (teamsIds, jobs) = await NobodyReachedAtTheReminderTimeAsync(s);

        var police = Agencies[1].Rep;
        s.Host.Connector.Inject(Uri.EscapeDataString(BotTestHost.PersonalChat(police).Id),
            new InjectedFailure(403, "MessageWritesBlocked", Times: 3));
        await ChangeChannelAsync(s, c => c.TeamsIds[police.AadObjectId] = teamsIds[police.AadObjectId]);
        s.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(3, (await jobs.RunOnceAsync(default)).RemindersSent);
        await s.Host.DrainOutboxAsync();
        for (var pass = 0; pass < 3; pass++)
        {
            s.Time.Advance(TimeSpan.FromMinutes(10));
            await jobs.RunOnceAsync(default);
            await s.Host.DrainOutboxAsync();
        }

        var notices = NobodyRemindedNotices(s);
        Assert.Equal(2, notices.Count);
        var told = notices[1].AllText;
        Assert.Contains($"reached nobody: Teams did not deliver it to {police.Name}", told, StringComparison.Ordinal);
        Assert.All(Agencies, a => Assert.Contains(a.Rep.Name, told, StringComparison.Ordinal));
        Assert.Equal(Due, (await s.Store.GetChannelAsync(s.AuditId, default))!.Value.AutoReminderSettledForDue);
    }

    [Fact]
    public async Task ARoundThatRemindedSomeTellsTheChairOnceWhichAgenciesItMissed()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var jobs = s.Host.Get<AuditJobs>();
        // Social care's representative has blocked the bot (Teams refuses its reminders for good); health visiting's has no
        // 1:1 chat the bot knows of (nothing can be queued to them).
        s.Host.Connector.Inject(Uri.EscapeDataString(BotTestHost.PersonalChat(Agencies[0].Rep).Id),
            new InjectedFailure(403, "MessageWritesBlocked", Times: 3));
        await ChangeChannelAsync(s, c => c.TeamsIds.Remove(Agencies[2].Rep.AadObjectId));

        s.Time.SetUtcNow(ReminderTime);
        Assert.True((await jobs.RunOnceAsync(default)).RemindersSent > 0);
        await s.Host.DrainOutboxAsync();
        Assert.Empty(NotRemindedNotices(s)); // Not through the outbox when the round went: nothing to tell yet.
        for (var pass = 0; pass < 3; pass++)
        {
            s.Time.Advance(TimeSpan.FromMinutes(10));
            await jobs.RunOnceAsync(default);
            await s.Host.DrainOutboxAsync();
        }

        Assert.Equal(3, s.SentTo(Agencies[1].Rep, "Reminder:").Count);
        Assert.Empty(NobodyRemindedNotices(s));
        var told = Assert.Single(NotRemindedNotices(s)).AllText;
        Assert.Contains("reached the other representatives with a return outstanding, but not the representatives of", told,
            StringComparison.Ordinal);
        Assert.Contains("Social Care", told, StringComparison.Ordinal);
        Assert.Contains(Agencies[2].Name, told, StringComparison.Ordinal);
        Assert.Contains("Please remind them directly.", told, StringComparison.Ordinal);
        Assert.All(Agencies.Skip(3).Append(Agencies[1]), a => Assert.DoesNotContain(a.Name, told, StringComparison.Ordinal));
        Assert.All(Agencies, a => Assert.DoesNotContain(a.Rep.Name, told, StringComparison.Ordinal));
        Assert.All(Cases, c => Assert.DoesNotContain(c, told, StringComparison.Ordinal));
        Assert.Equal(Due, (await s.Store.GetChannelAsync(s.AuditId, default))!.Value.AutoReminderSettledForDue);
        var logged = (await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D")))
            .Where(e => e.Action == "audit.not-reminded").ToList();
        Assert.Contains("\"chairTold\":true", Assert.Single(logged).DetailJson, StringComparison.Ordinal);
        Assert.Empty(await s.Host.FreeTextInAuditLogAsync());
    }

    /// <summary>
    /// A return that came into being after the round went could not have been reminded by it: the chair is not told its
    /// agency was not reminded. (The app lets no case or agency be added once the audit is issued, so here the school's one
    /// return is missing when the round goes, and Send missing audit tools creates it afterwards.) An agency the round could
    /// not reach is still named.
    /// </summary>
    [Fact]
    public async Task AReturnCreatedAfterTheRoundWentIsNotToldAsNotReminded()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var jobs = s.Host.Get<AuditJobs>();
        var school = await s.ReturnOfAsync(4);
        Assert.True(await s.Host.Get<IDocumentStore>().DeleteAsync(AuditStore.Returns, AuditStore.Key(school.Id)));
        await ChangeChannelAsync(s, c => c.TeamsIds.Remove(Agencies[2].Rep.AadObjectId));

        s.Time.SetUtcNow(ReminderTime);
        Assert.Equal(9, (await jobs.RunOnceAsync(default)).RemindersSent);
        await s.Host.DrainOutboxAsync();
        s.Time.Advance(TimeSpan.FromMinutes(5));
        AssertHasText(await s.ExecuteAsync(Chair, DashboardScreen.Issue, new AuditRefData(s.AuditId)), "1 audit tool sent now");
        await s.Host.DrainOutboxAsync();
        Assert.Single(await s.Store.ListReturnsAsync(s.AuditId, default), r => r.Value.AgencyId == "agency-5");
        for (var pass = 0; pass < 3; pass++)
        {
            s.Time.Advance(TimeSpan.FromMinutes(10));
            await jobs.RunOnceAsync(default);
            await s.Host.DrainOutboxAsync();
        }

        var told = Assert.Single(NotRemindedNotices(s)).AllText;
        Assert.Contains($"but not the representative of {Agencies[2].Name}.", told, StringComparison.Ordinal);
        Assert.DoesNotContain(Agencies[4].Name, told, StringComparison.Ordinal);
        var logged = (await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D")))
            .Where(e => e.Action == "audit.not-reminded").ToList();
        Assert.Contains("\"agencies\":[\"agency-3\"]", Assert.Single(logged).DetailJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNoticeOfAgenciesNotRemindedIsQueuedOncePerRound()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var audit = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value;
        var channel = (await s.Store.GetChannelAsync(s.AuditId, default))!.Value;

        // The step run again (another instance's pass, a retried unit of work) queues nothing more.
        for (var run = 0; run < 2; run++)
        {
            await s.Host.WorkAsync(services => services.GetRequiredService<ReminderSender>()
                .TellChairNotRemindedAsync(audit, channel, "auto-1774458000", [Agencies[2].Name], default));
        }

        await s.Host.DrainOutboxAsync();
        Assert.Single(NotRemindedNotices(s));
    }

    [Fact]
    public async Task ARoundTeamsDeliveredToEveryoneTellsTheChairNothing()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var jobs = s.Host.Get<AuditJobs>();

        s.Time.SetUtcNow(ReminderTime);
        Assert.Equal(13, (await jobs.RunOnceAsync(default)).RemindersSent);
        await s.Host.DrainOutboxAsync();
        s.Time.Advance(TimeSpan.FromMinutes(10));
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();

        Assert.Empty(NobodyRemindedNotices(s));
        Assert.Empty(NotRemindedNotices(s));
        Assert.Equal(Due, (await s.Store.GetChannelAsync(s.AuditId, default))!.Value.AutoReminderSettledForDue);
    }

    /// <summary>Every representative has blocked the bot: Teams refuses each message to their 1:1 chat (three tries).</summary>
    private static void BlockEveryRepresentative(AuditScenario s)
    {
        foreach (var (rep, _, _) in Agencies)
        {
            s.Host.Connector.Inject(Uri.EscapeDataString(BotTestHost.PersonalChat(rep).Id),
                new InjectedFailure(403, "MessageWritesBlocked", Times: 3));
        }
    }

    private static List<SentActivity> NobodyRemindedNotices(AuditScenario s) => s.SentTo(Chair, "Nobody was reminded");

    private static List<SentActivity> NotRemindedNotices(AuditScenario s) => s.SentTo(Chair, ReminderSender.NotRemindedTitle);

    private static async Task<List<string>> RemindedLoggedAsync(AuditScenario s) =>
        (await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D")))
        .Where(e => e.Action == "audit.reminded").Select(e => e.DetailJson ?? "").ToList();

    /// <summary>Forgets every representative's Teams id (none has a 1:1 chat stored): the bot can reach none of them.</summary>
    /// <summary>Every representative made unreachable, then the reminder time: the round reaches nobody and sends nothing.</summary>
    private static async Task<(Dictionary<string, string> TeamsIds, AuditJobs Jobs)> NobodyReachedAtTheReminderTimeAsync(
        AuditScenario s)
    {
        var teamsIds = await UnreachableAsync(s);
        var jobs = s.Host.Get<AuditJobs>();
        s.Time.SetUtcNow(ReminderTime);
        Assert.Equal(0, (await jobs.RunOnceAsync(default)).RemindersSent);
        return (teamsIds, jobs);
    }

    private static async Task<Dictionary<string, string>> UnreachableAsync(AuditScenario s)
    {
        var teamsIds = new Dictionary<string, string>((await s.Store.GetChannelAsync(s.AuditId, default))!.Value.TeamsIds);
        var chairId = teamsIds.Where(t => t.Key == Chair.AadObjectId).ToList();
        await ChangeChannelAsync(s, c =>
        {
            c.TeamsIds.Clear();
            foreach (var (person, id) in chairId)
            {
                c.TeamsIds[person] = id;
            }
        });
        return teamsIds;
    }

    private static Task ChangeChannelAsync(AuditScenario s, Action<AuditChannel> change) =>
        s.Host.WorkAsync(services => services.GetRequiredService<AuditStore>().ChangeChannelAsync(s.AuditId, change, default));
}

using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Jobs;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Audits.EndToEnd;
using WorkshopBot.Tests.Operations;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// Two instances share one PostgreSQL store and each runs the background jobs on its own timer. A seam makes them overlap
/// at the worst moment (not by luck): the first instance's pass has read the subject (the audit's channel record, an
/// alert, an action, a workshop, an audit due for purge) when the second instance runs its whole pass and commits; then
/// the first goes on. Nobody hears anything twice, a poll closes once with one final card, and every step is logged once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class JobsOnTwoInstances(PostgresServerFixture server)
{
    [Fact]
    public async Task TheAutomaticReminderRoundRunByTwoInstancesAtOnceRemindsEachReturnOnceAndIsLoggedOnce()
    {
        var database = await server.CreateDatabaseAsync();
        var seams = new DocumentSeams();
        await using var s = await AuditScenario.StartAsync(o =>
        {
            o.PostgresConnectionString = database;
            o.Services = seams.Install;
        });
        await s.SetUpIssuedAsync();
        await using var other = await SecondInstanceAsync(database, s.Time);
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 18, 18, 0, 0, TimeSpan.Zero));
        var returns = (await s.Store.ListReturnsAsync(s.AuditId, default)).Count;

        AuditJobReport? theirs = null;
        seams.AfterNextRead(AuditStore.Channels, AuditStore.Key(s.AuditId),
            async () => theirs = await other.Get<AuditJobs>().RunOnceAsync(default));
        var ours = await s.Host.Get<AuditJobs>().RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        await other.DrainOutboxAsync();

        Assert.True(seams.Ran);
        var reminders = AuditScenario.Agencies.SelectMany(a => SentTo([s.Host, other], a.Rep, "Reminder:")).ToList();
        Assert.Equal(returns, reminders.Count);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.Single(events, e => e.Action == "audit.reminded");
        Assert.Equal(returns, theirs?.RemindersSent);
        Assert.Equal(0, ours.RemindersSent);
    }

    /// <summary>The second instance's pass runs once the first has read the alert for its re-send (the read its change makes).</summary>
    [Fact]
    public async Task AnUnacknowledgedAlertDueForItsResendIsResentOnceWhenTwoInstancesRunTheJobAtOnce()
    {
        var database = await server.CreateDatabaseAsync();
        var seams = new DocumentSeams();
        await using var s = await AuditScenario.StartAsync(o =>
        {
            o.PostgresConnectionString = database;
            o.Services = seams.Install;
        });
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        await s.Host.DrainOutboxAsync();
        var alert = Assert.Single(await s.Store.ListOpenEscalationsAsync(default)).Value;
        await using var other = await SecondInstanceAsync(database, s.Time);
        s.Time.Advance(TimeSpan.FromHours(2));

        AuditJobReport? theirs = null;
        seams.AfterNextRead(AuditStore.Escalations, AuditStore.Key(alert.Id),
            async () => theirs = await other.Get<AuditJobs>().RunOnceAsync(default), skip: 1);
        var ours = await s.Host.Get<AuditJobs>().RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        await other.DrainOutboxAsync();

        Assert.True(seams.Ran);
        Assert.Equal((1, 0), (theirs?.AlertsResent, ours.AlertsResent));
        Assert.Equal(2, SentTo([s.Host, other], AuditScenario.Lead, "Immediate safety concern").Count);
        Assert.Equal(2, SentTo([s.Host, other], AuditScenario.Chair, "Immediate safety concern").Count);
        var log = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, AuditStore.Key(alert.Id));
        Assert.Single(log, e => e.Action == "safety.resent");
        Assert.Equal(1, (await s.Store.GetEscalationAsync(alert.Id, default))!.Value.ResendCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheActionJobRunByTwoInstancesAtOnceTellsTheLeadAndChairOnceAndLogsOnce(bool overdue)
    {
        var database = await server.CreateDatabaseAsync();
        var seams = new DocumentSeams();
        await using var s = await ActionScenario.StartAsync(database, services: seams.Install);
        var auditId = s.Audit.Id;
        await s.InChannelAsync(ActionScenario.Chair, PlanScreen.OpenPlan, new PlanRefData(auditId));
        await s.InChannelAsync(ActionScenario.Chair, CreateScreen.Create, new CreateActionData(auditId, 1,
            "Agree an information-sharing protocol between police and health", "County Police", ActionScenario.PoliceLead.Id,
            "2026-05-30", "Every interview note reaches health within two working days", null, null));
        await s.Host.DrainOutboxAsync();
        var action = Assert.Single(await s.ActionsAsync());
        await using var other = await SecondInstanceAsync(database, s.Time);
        var day = overdue ? new DateOnly(2026, 6, 2) : new DateOnly(2026, 5, 24);
        s.Time.SetUtcNow(new DateTimeOffset(day, new TimeOnly(8, 0), TimeSpan.Zero));

        ActionJobReport? theirs = null;
        seams.AfterNextRead(ActionStore.Actions.Collection, ActionStore.Key(action.Id),
            async () => theirs = await other.Get<ActionJobs>().RunOnceAsync(default));
        var ours = await s.RunJobsAsync();
        await s.Host.DrainOutboxAsync();
        await other.DrainOutboxAsync();

        Assert.True(seams.Ran);
        var told = overdue ? "A1 is overdue" : "Reminder: A1 is due";
        Assert.Single(SentTo([s.Host, other], ActionScenario.PoliceLead, told));
        Assert.Equal(overdue ? 1 : 0, SentTo([s.Host, other], ActionScenario.Chair, "A1 is overdue").Count);
        var logged = (await s.LogAsync("action")).Where(e => e.Action is "action.reminded" or "action.overdue").ToList();
        Assert.Single(logged);
        Assert.Equal(overdue ? new ActionJobReport(0, 1) : new ActionJobReport(1, 0), theirs);
        Assert.Equal(new ActionJobReport(0, 0), ours);
    }

    [Fact]
    public async Task APollWhoseTimerRanOutIsClosedOnceWithOneFinalCardWhenTwoInstancesRunTheTimerAtOnce()
    {
        var database = await server.CreateDatabaseAsync();
        var seams = new DocumentSeams();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.PostgresConnectionString = database;
            o.Time = clock;
            o.Services = seams.Install;
        });
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.RatingFive, "Confidence in the plan?", Timer: "3"));
        await s.PhaseAsync(poll, PhaseActions.Open);
        await using var other = await SecondInstanceAsync(database, clock);
        clock.Advance(TimeSpan.FromMinutes(3));
        await QuietAsync(s.Host.Get<LiveCardCoalescer>(), s.Channel.Id);
        await s.Host.DrainOutboxAsync();

        int CardUpdates() => s.Host.Sent(s.Channel.Id).Concat(other.Sent(s.Channel.Id)).Count(x => x.Method == "PUT");
        var updatesBefore = CardUpdates();
        int? theirs = null;
        seams.AfterNextRead(WorkshopRepository.Collection, WorkshopRepository.KeyOf(s.WorkshopId),
            async () => theirs = await other.Get<WorkshopPhaseTimer>().RunOnceAsync(default));
        var ours = await s.Host.Get<WorkshopPhaseTimer>().RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        await other.DrainOutboxAsync();

        Assert.True(seams.Ran);
        Assert.Equal((1, 0), (theirs, ours));
        Assert.Equal(PollPhase.Closed, (await s.SessionAsync()).FindPoll(poll.Id)!.Phase);
        Assert.Single(await s.LogAsync("workshop-poll", poll.Id), e => e.Action == "workshop.poll.close");
        var durable = await s.Host.Get<IOutboxStore>().ListByCorrelationAsync(PollCardPublisher.DurableCorrelation(poll.Id));
        var final = Assert.Single(durable, m => m.DedupeKey.Contains(":close:", StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Sent, final.Status);
        Assert.Equal(updatesBefore + 1, CardUpdates());
    }

    [Fact]
    public async Task AnAuditPurgedByTwoInstancesAtOnceIsPurgedOnceWithOneDeletionLogEntry()
    {
        var database = await server.CreateDatabaseAsync();
        var seams = new DocumentSeams();
        var clock = new ManualTimeProvider();
        await using var s = await PurgingInstanceAsync(database, clock, seams);
        var purged = await StoredAudit.CreateAsync(s);
        await RetentionPurgeScenarios.CloseAsync(s.Host, purged.AuditId, clock.GetUtcNow());
        await using var other = await SecondInstanceAsync(database, clock);
        PastRetention(clock);

        IReadOnlyList<(Guid AuditId, PurgeRecord Record)>? theirs = null;
        seams.AfterNextRead(AuditStore.Audits, AuditStore.Key(purged.AuditId),
            async () => theirs = await other.Get<RetentionJob>().RunOnceAsync(default));
        var ours = await s.Host.Get<RetentionJob>().RunOnceAsync(default);

        Assert.True(seams.Ran);
        Assert.Equal(purged.AuditId, Assert.Single(theirs!).AuditId);
        Assert.Empty(ours);
        Assert.Null(await TestStores.Audits(s.Host.Services).GetAuditAsync(purged.AuditId, default));
        var log = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, AuditStore.Key(purged.AuditId));
        Assert.Single(log, e => e.Action == AuditPurge.Action);
    }

    /// <summary>
    /// A team records its discussion of the briefing on one instance just as the other purges the audit: the save read the
    /// briefing before the purge and commits after it. The purge wins and nothing of the discussion outlives the audit.
    /// </summary>
    [Fact]
    public async Task ADiscussionSavedAsAnotherInstancePurgesTheAuditLeavesNothingBehind()
    {
        var database = await server.CreateDatabaseAsync();
        var seams = new DocumentSeams();
        var clock = new ManualTimeProvider();
        await using var s = await PurgingInstanceAsync(database, clock, seams);
        var purged = await StoredAudit.CreateAsync(s);
        var chat = BotTestHost.PersonalChat(s.Chair);
        var published = await s.Host.ExecuteAsync(s.Chair, chat, PublishScreen.Publish, new PublishData(purged.AuditId, 1, s.Channel.Id));
        await s.Host.DrainOutboxAsync();
        await RetentionPurgeScenarios.CloseAsync(s.Host, purged.AuditId, clock.GetUtcNow());
        await using var other = await SecondInstanceAsync(database, clock);
        PastRetention(clock);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var practitioner = BotTestHost.User("Team Manager");

        IReadOnlyList<(Guid AuditId, PurgeRecord Record)>? theirs = null;
        seams.AfterNextRead(BriefingStore.Briefings.Collection, BriefingStore.Key(purged.AuditId),
            async () => theirs = await other.Get<RetentionJob>().RunOnceAsync(default));
        var saved = await s.Host.ExecuteAsync(practitioner, s.Channel, DiscussionScreen.Save, new DiscussionSaveData(purged.AuditId, 1,
            s.Channel.Id, today, "9", "We will ask about fathers at every visit", "Add fathers to the checklist", null));

        Assert.Contains("Published", WorkshopScenario.CardText(published), StringComparison.OrdinalIgnoreCase);
        Assert.True(seams.Ran);
        Assert.Equal(purged.AuditId, Assert.Single(theirs!).AuditId);
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        var left = await TestStores.Documents(s.Host.Services).ListAsync(BriefingStore.Discussions, BriefingStore.Key(purged.AuditId),
            null, default);
        Assert.Empty(left);
        Assert.DoesNotContain("Recorded by", WorkshopScenario.CardText(saved), StringComparison.Ordinal);
    }

    /// <summary>
    /// A discussion left behind by its audit's purge (stored after it, as before the save held the briefing) is swept by
    /// both instances at once: the first has found it when the second runs its whole retention pass, then deletes what is
    /// left. It goes once, with one deletion-log entry, and the first instance deletes and logs nothing.
    /// </summary>
    [Fact]
    public async Task ADiscussionLeftBehindSweptByTwoInstancesAtOnceIsDeletedOnceWithOneDeletionLogEntry()
    {
        var database = await server.CreateDatabaseAsync();
        var clock = new ManualTimeProvider();
        await using var s = await PurgingInstanceAsync(database, clock, new DocumentSeams());
        var (auditId, _) = await RetentionOrphanedDiscussionsScenarios.LeaveADiscussionBehindAsync(s, clock);
        await using var other = await SecondInstanceAsync(database, clock);
        var key = AuditStore.Key(auditId);

        var found = await s.Host.WorkAsync(services => services.GetRequiredService<OrphanedDiscussions>().ListAsync(default));
        Assert.Empty(await other.Get<RetentionJob>().RunOnceAsync(default));
        var ours = await s.Host.WorkAsync(services =>
            Task.FromResult(services.GetRequiredService<OrphanedDiscussions>().Queue(key, clock.GetUtcNow())));
        var again = await s.Host.Get<RetentionJob>().PurgeOrphanedDiscussionsAsync(clock.GetUtcNow(), default);

        Assert.Equal([key], found);
        Assert.Null(ours.Record);
        Assert.Empty(again);
        Assert.Empty(await RetentionOrphanedDiscussionsScenarios.DiscussionsAsync(s, auditId));
        var log = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, key);
        var entry = Assert.Single(log, e => e.Action == OrphanedDiscussions.Action);
        Assert.Contains("\"teamDiscussions\":1", entry.DetailJson, StringComparison.Ordinal);
        Assert.DoesNotContain(RetentionOrphanedDiscussionsScenarios.Reflections, entry.DetailJson, StringComparison.Ordinal);
    }

    /// <summary>The first instance of a purge race: its store seamed, its clock the test's, its audit jobs run by the test.</summary>
    private static Task<WorkshopScenario> PurgingInstanceAsync(string database, ManualTimeProvider clock, DocumentSeams seams) =>
        WorkshopScenario.CreateAsync(o =>
        {
            o.PostgresConnectionString = database;
            o.Time = clock;
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Services = seams.Install;
        });

    /// <summary>Moves the clock past six years from now, when a closed audit's retention has run out.</summary>
    private static void PastRetention(ManualTimeProvider clock) =>
        clock.Advance(clock.GetUtcNow().AddMonths(72).AddDays(1) - clock.GetUtcNow());

    /// <summary>Waits until the instance's live card updates for the conversation have gone (they read the workshop too).</summary>
    private static async Task QuietAsync(LiveCardCoalescer coalescer, string conversationId)
    {
        // Bounded on the real clock, generously: 200 pauses of 25 ms (5 s) were short for a card's send on a loaded machine.
        var patience = System.Diagnostics.Stopwatch.StartNew();
        while (coalescer.PendingFor(conversationId) > 0 && patience.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(25);
        }

        Assert.Equal(0, coalescer.PendingFor(conversationId));
    }

    /// <summary>
    /// A second instance of the bot on the same database and clock, its own jobs run by the test only (with
    /// <paramref name="services"/>, its services changed as the test needs).
    /// </summary>
    internal static Task<BotTestHost> SecondInstanceAsync(string database, TimeProvider time,
        Action<IServiceCollection>? services = null) =>
        BotTestHost.StartAsync(o =>
        {
            o.PostgresConnectionString = database;
            o.Time = time;
            o.Services = services;
            o.Settings["WorkshopBot:PublicBaseUrl"] = AuditScenario.PublicBaseUrl;
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Settings["Audits:SafetyResendAfter"] = "01:00:00";
            o.Settings["Actions:RunJobsInBackground"] = "false";
            o.Settings["Workshop:RunTimerInBackground"] = "false";
        });

    /// <summary>
    /// A second instance of the bot on <paramref name="first"/>'s SQLite file and on <paramref name="time"/>, its own jobs run
    /// by the test only (with <paramref name="services"/>, its services changed as the test needs).
    /// </summary>
    internal static Task<BotTestHost> SecondInstanceOnSqliteAsync(WorkshopScenario first, TimeProvider time,
        Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        var path = first.Host.Get<IConfiguration>()["Storage:SqlitePath"];
        return BotTestHost.StartAsync(o =>
        {
            o.Time = time;
            o.Services = services;
            o.Settings["Storage:SqlitePath"] = path;
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Settings["Actions:RunJobsInBackground"] = "false";
            o.Settings["Workshop:RunTimerInBackground"] = "false";
        });
    }

    /// <summary>What either instance sent to this person's 1:1 chat that contains this text.</summary>
    internal static List<SentActivity> SentTo(IEnumerable<BotTestHost> hosts, TestUser person, string text) =>
        hosts.SelectMany(h => h.Sent(BotTestHost.PersonalChat(person).Id))
            .Where(x => x.AllText.Contains(text, StringComparison.Ordinal))
            .ToList();
}

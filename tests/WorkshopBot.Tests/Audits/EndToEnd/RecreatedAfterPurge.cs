using System.Globalization;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A new audit's id is derived from its creation form and a workshop's from its audit, so a chair who creates an audit
/// with the same values after retention purged the first must not get the purged audit's id back: the audit log's
/// entries about it (legal hold, closure, the deletion-log entry), its kept published briefing and its workshop's log
/// stay with the purged audit, and the new audit starts with none of them (nor with a team discussion recorded on the
/// kept briefing's card). A double press after the purge still makes one audit.
/// </summary>
public abstract class RecreatedAfterPurgeScenarios
{
    /// <summary>The creation form, with dates still ahead once the first audit's 72 months have passed.</summary>
    private static readonly CreateAuditData Form = NewAuditForm with { ReturnsDue = "2033-06-20", WorkshopDate = "2033-06-27" };

    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Fact]
    public async Task TheSameFormAfterThePurgeMakesAFreshAuditWithNoneOfThePurgedOnesLeftovers()
    {
        var store = await StoreAsync();
        await using var s = await StartAsync(o =>
        {
            store(o);
            o.Settings["Retention:KeepPublishedBriefing"] = "true";
        });
        var purged = await IssuedAsync(s);
        await s.FillAndSubmitAsync(0, 0);
        var id = new AuditRefData(purged);
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Release, id), "Returns released for moderation.");
        AssertHasText(await s.ExecuteAsync(Chair, StartScreen.Start, new StartWorkshopData(purged)), "has started");
        var oldWorkshop = Assert.Single(await WorkshopsAsync(s, purged)).Id;
        var practice = await s.PublishBriefingAsync(purged);
        AssertHasText(await s.ExecuteAsync(Chair, RetentionScreen.Hold, new LegalHoldData(purged, true)), "Legal hold placed");
        AssertHasText(await s.ExecuteAsync(Chair, RetentionScreen.Hold, new LegalHoldData(purged, false)), "Legal hold released");
        AssertHasText(await s.ExecuteAsync(Chair, DashboardScreen.Close, id), "Audit closed.");
        var closed = await LogAsync(s, AuditSubjects.Audit, purged);
        await PurgeAsync(s, purged);
        var purgedLog = await LogAsync(s, AuditSubjects.Audit, purged);
        var workshopLog = await LogAsync(s, "workshop", oldWorkshop);

        // Years later, the same chair fills in the creation card with the same values; pressed twice, it makes one audit.
        var fresh = await s.CreateAsync(Form);
        s.Time.Advance(TimeSpan.FromSeconds(3));
        var again = CardOf(await s.ExecuteAsync(Chair, CreateScreen.Create, Form));

        Assert.Equal(closed.Count + 1, purgedLog.Count);
        Assert.Equal(AuditPurge.Action, purgedLog[^1].Action);
        Assert.NotEqual(purged, fresh);
        Assert.Equal(fresh.ToString(), FindString(again, "auditId"));
        var audit = Assert.Single(await s.Store.ListAuditsAsync(default)).Value;
        Assert.Equal((fresh, AuditStatus.Draft, false, null), (audit.Id, audit.Status, audit.Retention.LegalHold, audit.ClosedAt));
        Assert.Equal(["audit.created"], (await LogAsync(s, AuditSubjects.Audit, fresh)).Select(e => e.Action));
        Assert.Equal(purgedLog, await LogAsync(s, AuditSubjects.Audit, purged));
        // The published briefing the partnership keeps stays the purged audit's: the new audit has no briefing.
        Assert.NotNull(await BriefingAsync(s, purged));
        Assert.Null(await BriefingAsync(s, fresh));
        Assert.Empty(await LogAsync(s, "briefing", fresh));
        var dashboard = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Dashboard, new AuditRefData(fresh))).GetRawText();
        Assert.DoesNotContain("Closed on", dashboard, StringComparison.Ordinal);
        // "Our team discussed this" on the kept briefing's card in the channel still names the purged audit, and is refused.
        var today = s.Time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var discussed = await s.Host.ExecuteAsync(BotTestHost.User("Early Help Team Manager"), practice, DiscussionScreen.Save,
            new DiscussionSaveData(purged, 1, practice.ChannelId!, today, "7", "We will ask about fathers at every visit",
                "Add fathers to the visit checklist", null));
        AssertHasText(discussed, "no longer recorded");
        Assert.Empty(await TestStores.Documents(s.Host.Services).ListAsync(BriefingStore.Discussions, BriefingStore.Key(fresh), null,
            default));

        // The new audit's workshop, started in the same channel, is a new workshop too: none of the old one's log.
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        AssertHasText(await s.IssueAsync(), "Audit issued");
        AssertHasText(await s.ExecuteAsync(Chair, StartScreen.Start, new StartWorkshopData(fresh)), "has started");
        var workshop = Assert.Single(await WorkshopsAsync(s, fresh));
        Assert.NotEqual(oldWorkshop, workshop.Id);
        Assert.Empty(workshop.Polls);
        Assert.Equal(["workshop.start"], (await LogAsync(s, "workshop", workshop.Id)).Select(e => e.Action));
        Assert.Equal(workshopLog, await LogAsync(s, "workshop", oldWorkshop));
    }

    [Fact]
    public async Task TwoPressesAtOnceAfterThePurgeMakeOneFreshAudit()
    {
        var armed = false;
        var held = new HeldCommits(w => Volatile.Read(ref armed)
            && w.Steps.OfType<StoreWork.InsertStep>().Any(i => i.Collection == AuditStore.Audits));
        var store = await StoreAsync();
        await using var s = await StartAsync(o =>
        {
            store(o);
            o.Services = held.Register;
        });
        var purged = await IssuedAsync(s);
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Release, new AuditRefData(purged)), "Returns released");
        AssertHasText(await s.ExecuteAsync(Chair, DashboardScreen.Close, new AuditRefData(purged)), "Audit closed.");
        await PurgeAsync(s, purged);

        // The first press has made every read and waits at its commit while the second creates the audit.
        Volatile.Write(ref armed, true);
        var first = s.ExecuteAsync(Chair, CreateScreen.Create, Form);
        await held.Held.WaitAsync(TimeSpan.FromSeconds(60));
        var second = await s.ExecuteAsync(Chair, CreateScreen.Create, Form);
        Assert.NotEqual(CommitOutcome.Committed, (await held.ReleaseAsync()).Outcome);
        var lost = await first;

        Assert.Equal(CardOf(second).GetRawText(), CardOf(lost).GetRawText());
        var fresh = Guid.Parse(FindString(CardOf(second), "auditId")!);
        Assert.NotEqual(purged, fresh);
        Assert.Equal(fresh, Assert.Single(await s.Store.ListAuditsAsync(default)).Value.Id);
        Assert.Equal(["audit.created"], (await LogAsync(s, AuditSubjects.Audit, fresh)).Select(e => e.Action));
    }

    /// <summary>The audit created from <see cref="Form"/>, with its cases and agencies, issued.</summary>
    private static async Task<Guid> IssuedAsync(AuditScenario s)
    {
        var audit = await s.CreateAsync(Form);
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        AssertHasText(await s.IssueAsync(), "Audit issued");
        await s.Host.DrainOutboxAsync();
        return audit;
    }

    /// <summary>Runs the retention job the day after the closed audit's 72 months have passed; it purges that audit.</summary>
    private static async Task PurgeAsync(AuditScenario s, Guid auditId)
    {
        var due = (await s.Store.GetAuditAsync(auditId, default))!.Value.PurgeDueAt!.Value;
        Assert.True(due > Start.AddMonths(72).AddDays(-1), $"purge due on {due:d}");
        s.Time.Advance(due.AddDays(1) - s.Time.GetUtcNow());
        var (purged, _) = Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        Assert.Equal(auditId, purged);
        Assert.Null(await s.Store.GetAuditAsync(auditId, default));
    }

    private static Task<IReadOnlyList<AuditEvent>> LogAsync(AuditScenario s, string subjectType, Guid subjectId) =>
        s.Host.Get<IAuditLog>().ListAsync(subjectType, subjectId.ToString("D"));

    private static async Task<List<WorkshopSession>> WorkshopsAsync(AuditScenario s, Guid auditId) =>
        (await s.Host.Get<IDocumentStore>().ListAsync<WorkshopSession>(WorkshopRepository.Collection, key1: auditId.ToString()))
        .Select(d => d.Value).ToList();

    private static Task<BriefingRecord?> BriefingAsync(AuditScenario s, Guid auditId) =>
        TestStores.Documents(s.Host.Services).GetAsync(BriefingStore.Briefings, BriefingStore.Key(auditId), default);
}

/// <summary>On the default SQLite store.</summary>
public sealed class RecreatedAfterPurgeSqlite : RecreatedAfterPurgeScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>On PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RecreatedAfterPurgePostgres(PostgresServerFixture server) : RecreatedAfterPurgeScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}

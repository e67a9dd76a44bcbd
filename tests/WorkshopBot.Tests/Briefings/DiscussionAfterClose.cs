using System.Globalization;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Operations;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// "Our team discussed this" on a published briefing is recorded while the audit is under way, and refused politely once
/// the chair has closed it, and after retention purged the audit while the partnership keeps published briefings: nothing
/// is stored or logged, so no discussion is recorded for a closed audit nor outlives its audit.
/// </summary>
public abstract class DiscussionAfterCloseScenarios
{
    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Fact]
    public async Task ADiscussionIsRefusedOnceTheAuditIsClosedAndAfterItsPurge()
    {
        var clock = new ManualTimeProvider();
        var store = await StoreAsync();
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            store(o);
            o.Time = clock;
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Settings["Retention:KeepPublishedBriefing"] = "true";
        });
        var audit = await StoredAudit.CreateAsync(s);
        var practice = BotTestHost.Channel("Early Help practice", "Early Help");
        var manager = BotTestHost.User("Early Help Team Manager");
        await s.Host.SendAsync(s.Host.BotAdded(s.Chair, practice));
        var chat = BotTestHost.PersonalChat(s.Chair);
        var published = await s.Host.ExecuteAsync(s.Chair, chat, PublishScreen.Publish,
            new PublishData(audit.AuditId, 1, practice.ChannelId));
        Assert.Contains("queued", WorkshopScenario.CardText(published), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        var today = clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var save = new DiscussionSaveData(audit.AuditId, 1, practice.ChannelId!, today, "7", "We will ask about fathers at every visit",
            "Add fathers to the visit checklist", null);

        var before = WorkshopScenario.CardText(await s.Host.ExecuteAsync(manager, practice, DiscussionScreen.Save, save));
        Assert.Contains("7 attended", before, StringComparison.Ordinal);

        var closed = WorkshopScenario.CardText(await s.Host.ExecuteAsync(s.Chair, chat, DashboardScreen.Close,
            new AuditRefData(audit.AuditId)));
        Assert.Contains("Audit closed.", closed, StringComparison.Ordinal);
        var form = WorkshopScenario.CardText(await s.Host.ExecuteAsync(manager, practice, DiscussionScreen.Form,
            new DiscussionFormData(audit.AuditId, 1, practice.ChannelId!)));
        var after = WorkshopScenario.CardText(await s.Host.ExecuteAsync(manager, practice, DiscussionScreen.Save,
            save with { Attended = "5", Reflections = "We talked about chronologies" }));

        Assert.All(new[] { form, after }, card => Assert.Contains("no longer recorded", card, StringComparison.Ordinal));
        Assert.DoesNotContain("How many attended", form, StringComparison.Ordinal);
        Assert.Single(await DiscussionsAsync(s));
        Assert.Single(await RecordedAsync(s, audit.AuditId));

        // Retention purges the audit and its discussions; the published briefing is kept, and its button still refuses.
        clock.Advance(clock.GetUtcNow().AddMonths(73) - clock.GetUtcNow());
        var (_, record) = Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        Assert.Equal((1, true), (record.TeamDiscussions, record.BriefingKept));
        var purged = WorkshopScenario.CardText(await s.Host.ExecuteAsync(manager, practice, DiscussionScreen.Save,
            save with { DiscussedOn = clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
        Assert.Contains("no longer recorded", purged, StringComparison.Ordinal);
        Assert.Empty(await DiscussionsAsync(s));
        Assert.Single(await RecordedAsync(s, audit.AuditId));
    }

    private static async Task<IReadOnlyList<WorkshopBot.Briefings.Domain.TeamDiscussion>> DiscussionsAsync(WorkshopScenario s) =>
        await TestStores.Documents(s.Host.Services).ListAsync(BriefingStore.Discussions, null, null, default);

    private static async Task<List<AuditEvent>> RecordedAsync(WorkshopScenario s, Guid auditId) =>
        (await s.Host.Get<IAuditLog>().ListAsync("briefing", auditId.ToString("D")))
            .Where(e => e.Action == "briefing.discussion.recorded").ToList();
}

/// <summary>On the default SQLite store.</summary>
public sealed class DiscussionAfterCloseSqlite : DiscussionAfterCloseScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>On PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DiscussionAfterClosePostgres(PostgresServerFixture server) : DiscussionAfterCloseScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}

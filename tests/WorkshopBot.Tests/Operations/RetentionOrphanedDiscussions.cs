using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Briefings;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// A team discussion stored after its audit's purge, as a save racing the purge could store it before the save depended on
/// the briefing it read: neither its audit nor (unless the partnership keeps published briefings) its briefing is left.
/// The next retention run deletes it and logs the deletion with counts and no text; the discussion of a live audit and of
/// an audit on legal hold (their briefings gone, so only the audit keeps them), and of a briefing the partnership keeps,
/// stay. A further run finds nothing.
/// </summary>
public abstract class RetentionOrphanedDiscussionsScenarios
{
    internal const string Reflections = "We never asked who the father of the baby was";
    private const string TeamActions = "Ask about fathers and partners at every home visit";

    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ADiscussionStoredAfterItsAuditsPurgeIsDeletedByTheNextRunUnlessItsBriefingIsKept(bool keepPublished)
    {
        var clock = new ManualTimeProvider();
        var store = await StoreAsync();
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            store(o);
            o.Time = clock;
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Settings["Retention:KeepPublishedBriefing"] = keepPublished ? "true" : "false";
        });
        var (live, held) = (Guid.Empty, Guid.Empty);
        var (purged, record) = await LeaveADiscussionBehindAsync(s, clock, async () =>
        {
            var now = clock.GetUtcNow();
            live = (await BriefingSeed.OneCaseAuditAsync(s.Host.Services, s.Chair.Person, now.AddDays(-10))).Id;
            held = (await BriefingSeed.OneCaseAuditAsync(s.Host.Services, s.Chair.Person, now.AddDays(-10))).Id;
            await RetentionPurgeScenarios.CloseAsync(s.Host, held, now);
            await s.Host.WorkAsync(async services => Assert.True((await services.GetRequiredService<AuditStore>()
                .ChangeAuditAsync(held, a => a.PlaceLegalHold(), default)).Saved));
            await AddDiscussionAsync(s, live, "Live audit reflections");
            await AddDiscussionAsync(s, held, "Held audit reflections");
        });
        Assert.Equal((1, keepPublished), (record.TeamDiscussions, record.BriefingKept));
        var job = s.Host.Get<RetentionJob>();
        Assert.Empty(await job.RunOnceAsync(default));
        var left = await DiscussionsAsync(s, purged);
        var text = await RetentionLeavesNoText.StoredTextAsync(s.Host);
        Assert.Empty(await job.RunOnceAsync(default));
        var log = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, AuditStore.Key(purged));
        var swept = log.Where(e => e.Action == OrphanedDiscussions.Action).ToList();

        if (keepPublished)
        {
            Assert.Equal(Reflections, Assert.Single(left).Reflections);
            Assert.Empty(swept);
        }
        else
        {
            Assert.Empty(left);
            Assert.DoesNotContain(Reflections, text, StringComparison.Ordinal);
            Assert.DoesNotContain(TeamActions, text, StringComparison.Ordinal);
            var entry = Assert.Single(swept);
            Assert.Equal(AuditSubjects.BotActor, entry.ActorId);
            Assert.Contains("\"teamDiscussions\":1", entry.DetailJson, StringComparison.Ordinal);
            Assert.Contains("\"rule\":\"audit and briefing gone\"", entry.DetailJson, StringComparison.Ordinal);
            // The orphans' own organisation (their tenant_id), though their audit is gone and the bot made the entry.
            Assert.Equal(BotTestHost.TenantId, entry.TenantId);
        }

        Assert.Equal(BotTestHost.TenantId, Assert.Single(log, e => e.Action == AuditPurge.Action).TenantId);
        Assert.Equal("Live audit reflections", Assert.Single(await DiscussionsAsync(s, live)).Reflections);
        Assert.Equal("Held audit reflections", Assert.Single(await DiscussionsAsync(s, held)).Reflections);
        Assert.True((await TestStores.Audits(s.Host.Services).GetAuditAsync(held, default))!.Value.Retention.LegalHold);
        Assert.NotNull(await TestStores.Audits(s.Host.Services).GetAuditAsync(live, default));
    }

    /// <summary>
    /// The scenario's audit with a published briefing and a team's discussion of it, purged after its retention, and the
    /// discussion then stored again exactly as the bot had stored it: the commit of a save that read the briefing before the
    /// purge, as it landed before the save held the briefing. <paramref name="alongside"/> runs before the audit is closed.
    /// Returns the audit's id and what the purge removed.
    /// </summary>
    internal static async Task<(Guid AuditId, PurgeRecord Record)> LeaveADiscussionBehindAsync(
        WorkshopScenario s, ManualTimeProvider clock, Func<Task>? alongside = null)
    {
        var purged = await StoredAudit.CreateAsync(s);
        var practice = BotTestHost.Channel("Early Help practice", "Early Help");
        await s.Host.SendAsync(s.Host.BotAdded(s.Chair, practice));
        var chat = BotTestHost.PersonalChat(s.Chair);
        var published = await s.Host.ExecuteAsync(s.Chair, chat, PublishScreen.Publish,
            new PublishData(purged.AuditId, 1, practice.ChannelId));
        Assert.Contains("queued", WorkshopScenario.CardText(published), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        var today = clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var saved = await s.Host.ExecuteAsync(BotTestHost.User("Early Help Team Manager"), practice, DiscussionScreen.Save,
            new DiscussionSaveData(purged.AuditId, 1, practice.ChannelId!, today, "7", Reflections, TeamActions, null));
        Assert.Contains("7 attended", WorkshopScenario.CardText(saved), StringComparison.Ordinal);
        var asStored = await DiscussionRowsAsync(s.Host, purged.AuditId);
        Assert.Single(asStored);
        if (alongside is not null)
        {
            await alongside();
        }

        var now = clock.GetUtcNow();
        await RetentionPurgeScenarios.CloseAsync(s.Host, purged.AuditId, now);
        clock.Advance(now.AddMonths(73) - now);
        var (auditId, record) = Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        Assert.Equal(purged.AuditId, auditId);
        Assert.Empty(await DiscussionsAsync(s, purged.AuditId));

        await InsertAsync(s.Host, asStored);
        Assert.Single(await DiscussionsAsync(s, purged.AuditId));
        Assert.Contains(Reflections, await RetentionLeavesNoText.StoredTextAsync(s.Host), StringComparison.Ordinal);
        return (purged.AuditId, record);
    }

    /// <summary>A discussion of an audit that has no briefing stored: only the audit's own row keeps it from the sweep.</summary>
    private static Task AddDiscussionAsync(WorkshopScenario s, Guid auditId, string reflections)
    {
        var at = s.Host.Get<TimeProvider>().GetUtcNow();
        var discussion = new TeamDiscussion(Guid.NewGuid(), auditId, 1, "19:early-help@thread.tacv2", "Early Help",
            DateOnly.FromDateTime(at.UtcDateTime), 5, reflections, "None", s.Chair.Person, at, false);
        return s.Host.WorkAsync(async services =>
            Assert.True(await services.GetRequiredService<BriefingStore>().AddDiscussionAsync(discussion, default)));
    }

    internal static async Task<IReadOnlyList<TeamDiscussion>> DiscussionsAsync(WorkshopScenario s, Guid auditId) =>
        await TestStores.Documents(s.Host.Services).ListAsync(BriefingStore.Discussions, BriefingStore.Key(auditId), null, default);

    /// <summary>The audit's discussion rows, every column as the bot stored it.</summary>
    private static async Task<List<DiscussionRow>> DiscussionRowsAsync(BotTestHost host, Guid auditId)
    {
        await using var connection = await host.Get<StorageDatabase>().OpenAsync(default);
        return (await connection.QueryAsync<DiscussionRow>("""
            SELECT collection AS Collection, id AS Id, version AS Version, json AS Json, key1 AS Key1, key2 AS Key2,
                   tenant_id AS TenantId, updated_at AS UpdatedAt, stamp AS Stamp
            FROM documents WHERE collection = @collection AND key1 = @key
            """, new { collection = BriefingStore.Discussions.Collection, key = BriefingStore.Key(auditId) })).ToList();
    }

    private static async Task InsertAsync(BotTestHost host, IEnumerable<DiscussionRow> rows)
    {
        await using var connection = await host.Get<StorageDatabase>().OpenAsync(default);
        foreach (var row in rows)
        {
            Assert.Equal(1, await connection.ExecuteAsync("""
                INSERT INTO documents (collection, id, version, json, key1, key2, tenant_id, updated_at, stamp)
                VALUES (@Collection, @Id, @Version, @Json, @Key1, @Key2, @TenantId, @UpdatedAt, @Stamp)
                """, row));
        }
    }

    private sealed class DiscussionRow
    {
        public string Collection { get; set; } = "";

        public string Id { get; set; } = "";

        public long Version { get; set; }

        public string Json { get; set; } = "";

        public string? Key1 { get; set; }

        public string? Key2 { get; set; }

        public string? TenantId { get; set; }

        public long UpdatedAt { get; set; }

        public long? Stamp { get; set; }
    }
}

/// <summary>On the default SQLite store.</summary>
public sealed class RetentionOrphanedDiscussionsSqlite : RetentionOrphanedDiscussionsScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>On PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionOrphanedDiscussionsPostgres(PostgresServerFixture server) : RetentionOrphanedDiscussionsScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}

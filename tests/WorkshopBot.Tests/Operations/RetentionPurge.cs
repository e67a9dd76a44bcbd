using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// The retention job on a manual clock: nothing goes before 72 months after closure; then returns, votes, ideas and
/// briefing drafts go, a deletion-log entry with counts and no content stays, and an audit on legal hold (placed from
/// its dashboard's retention section) is never touched.
/// </summary>
public abstract class RetentionPurgeScenarios
{
    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Fact]
    public async Task AClosedAuditIsPurgedAfterItsRetentionWithADeletionLogEntryAndAnAuditOnHoldIsKept()
    {
        var clock = new ManualTimeProvider();
        var store = await StoreAsync();
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            store(o);
            o.Time = clock;
            o.Settings["Audits:RunJobsInBackground"] = "false";
        });
        var purged = await StoredAudit.CreateAsync(s);
        var held = await SecondClosedAuditAsync(s);
        await CloseAsync(s.Host, purged.AuditId, clock.GetUtcNow());
        var chat = BotTestHost.PersonalChat(s.Chair);
        var hold = await s.Host.ExecuteAsync(s.Chair, chat, RetentionScreen.Hold, new LegalHoldData(held, true));
        var shown = await s.Host.ExecuteAsync(s.Chair, chat, RetentionScreen.Retention, new AuditRefData(purged.AuditId));
        var job = s.Host.Get<RetentionJob>();

        clock.Advance(clock.GetUtcNow().AddMonths(72).AddDays(-1) - clock.GetUtcNow());
        var early = await job.RunOnceAsync(default);
        var before = await purged.FindAsync(s.Host.Services);
        var tenant = (await TestStores.Audits(s.Host.Services).GetAuditAsync(purged.AuditId, default))!.Value!.TenantId;
        var cardRowsBefore = await OutboxRowsOfAsync(s.Host, purged.PollId);
        clock.Advance(TimeSpan.FromDays(2));
        var due = await job.RunOnceAsync(default);
        var again = await job.RunOnceAsync(default);
        var after = await purged.FindAsync(s.Host.Services);

        Assert.Equal(HttpStatusCode.OK, hold.Status);
        Assert.Contains("Legal hold placed", WorkshopScenario.CardText(hold), StringComparison.Ordinal);
        Assert.Contains("72 months after closure", WorkshopScenario.CardText(shown), StringComparison.Ordinal);
        Assert.Empty(early);
        Assert.Equal((5, purged.Tally.Values.Sum(), true, true), before);
        var (auditId, record) = Assert.Single(due);
        Assert.Equal(purged.AuditId, auditId);
        Assert.Empty(again);
        Assert.Equal((0, 0, false, false), after);
        // The poll card's own updates (opened, closed), keyed and grouped by the poll, go with the audit too.
        Assert.True(cardRowsBefore >= 2, $"{cardRowsBefore} outbox rows of the poll's card before the purge");
        Assert.Equal(0, await OutboxRowsOfAsync(s.Host, purged.PollId));
        Assert.Null(await TestStores.Audits(s.Host.Services).GetAuditAsync(purged.AuditId, default));
        Assert.Equal((5, 4, 2, 1, false), (record.Returns, record.Votes, record.Ideas, record.BriefingVersions, record.BriefingKept));
        Assert.Equal("72 months after closure", record.Rule);

        var log = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, AuditStore.Key(purged.AuditId));
        var entry = Assert.Single(log, e => e.Action == AuditPurge.Action);
        Assert.Contains("\"returns\":5", entry.DetailJson, StringComparison.Ordinal);
        Assert.DoesNotContain(StoredAudit.Idea, entry.DetailJson, StringComparison.Ordinal);
        Assert.DoesNotContain("Seen in records", entry.DetailJson, StringComparison.Ordinal);
        Assert.Equal(AuditSubjects.BotActor, entry.ActorId);
        // The entry is the purged audit's organisation's, though the bot made it.
        Assert.Equal(BotTestHost.TenantId, tenant);
        Assert.Equal(tenant, entry.TenantId);

        var kept = await TestStores.Audits(s.Host.Services).GetAuditAsync(held, default);
        Assert.True(kept!.Value.Retention.LegalHold);
        Assert.Single(await TestStores.Audits(s.Host.Services).ListReturnsAsync(held, default));
    }

    [Fact]
    public async Task ThePublishedBriefingIsKeptWhenThePartnershipChooses()
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
        await s.Host.SendAsync(s.Host.BotAdded(s.Chair, practice));
        var published = await s.Host.ExecuteAsync(s.Chair, BotTestHost.PersonalChat(s.Chair), PublishScreen.Publish,
            new PublishData(audit.AuditId, 1, practice.ChannelId));
        Assert.Contains("queued", WorkshopScenario.CardText(published), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        await CloseAsync(s.Host, audit.AuditId, clock.GetUtcNow());

        clock.Advance(clock.GetUtcNow().AddMonths(73) - clock.GetUtcNow());
        var (_, record) = Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        var briefing = await TestStores.Documents(s.Host.Services)
            .GetAsync(BriefingStore.Briefings, BriefingStore.Key(audit.AuditId), default);

        Assert.True(record.BriefingKept);
        Assert.Equal(1, Assert.Single(briefing!.Versions).Number);
        Assert.Equal((0, 0, false, true), await audit.FindAsync(s.Host.Services));
    }

    [Fact]
    public async Task AnAuditClosedWithItsDashboardButtonIsPurgedAfterItsRetentionOnceVotingHasClosed()
    {
        var clock = new ManualTimeProvider();
        var store = await StoreAsync();
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            store(o);
            o.Time = clock;
            o.Settings["Audits:RunJobsInBackground"] = "false";
        });
        var purged = await StoredAudit.CreateAsync(s);
        var chat = BotTestHost.PersonalChat(s.Chair);
        var id = new AuditRefData(purged.AuditId);
        var poll = (await s.SessionAsync()).FindPoll(purged.PollId)!;
        var rep = WorkshopScenario.Representative(2);

        // A board still collecting ideas does not hold the closure up; voting open does: the chair is asked to close it
        // first, as a vote reads no audit.
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove));
        Assert.Contains("Voting is open again.", WorkshopScenario.CardText(await s.PhaseAsync(poll, PhaseActions.Reopen)),
            StringComparison.Ordinal);
        var refused = WorkshopScenario.CardText(await s.Host.ExecuteAsync(s.Chair, chat, DashboardScreen.Close, id));
        Assert.Contains("still open for voting", refused, StringComparison.Ordinal);
        Assert.Null((await TestStores.Audits(s.Host.Services).GetAuditAsync(purged.AuditId, default))!.Value.ClosedAt);
        await s.PhaseAsync(poll, PhaseActions.Close);

        var today = clock.GetUtcNow();
        var closed = WorkshopScenario.CardText(await s.Host.ExecuteAsync(s.Chair, chat, DashboardScreen.Close, id));
        var shown = WorkshopScenario.CardText(await s.Host.ExecuteAsync(s.Chair, chat, RetentionScreen.Retention, id));
        Assert.Contains("Audit closed.", closed, StringComparison.Ordinal);
        Assert.Contains($"\"value\":\"{Date(today)}\"", shown, StringComparison.Ordinal);
        Assert.Contains($"\"value\":\"{Date(today.AddMonths(72))}\"", shown, StringComparison.Ordinal);

        // The closed audit's workshop takes no more votes: voting cannot be reopened, nor a new workshop started.
        var reopen = WorkshopScenario.CardText(await s.PhaseAsync(poll, PhaseActions.Reopen));
        var vote = await s.DotAsync(rep, poll, "i2");
        var idea = WorkshopScenario.CardText(await s.AddIdeaAsync(rep, board, "Fathers were not invited.", agencyId: "agency-2"));
        var newPoll = WorkshopScenario.CardText(await s.TryCreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove)));
        var recommendation = WorkshopScenario.CardText(await s.ExecuteAsync(s.Chair, RecommendationsScreen.Add,
            new AddRecommendationData(s.WorkshopId, "Invite fathers to every strategy meeting")));
        await s.Host.SayAsync(s.Chair, BotTestHost.Channel("Another workshop"), StartScreen.Command);
        Assert.All(new[] { reopen, idea, newPoll, recommendation },
            card => Assert.Contains("is closed, so its workshop can no longer be changed", card, StringComparison.Ordinal));
        Assert.Equal(2, (await s.SessionAsync()).Polls.Count);
        Assert.Empty((await s.SessionAsync()).FindPoll(board.Id)!.Items);
        Assert.Empty((await s.SessionAsync()).Recommendations);
        Assert.Equal(HttpStatusCode.OK, vote.Status);
        Assert.Equal(purged.Tally["i2"], (await s.TallyAsync(poll))["i2"]);
        Assert.Single(await TestStores.Documents(s.Host.Services).ListAsync(WorkshopBot.Workshop.Storage.WorkshopRepository.Kind,
            purged.AuditId.ToString(), null, default));

        var job = s.Host.Get<RetentionJob>();
        clock.Advance(today.AddMonths(72).AddDays(-1) - clock.GetUtcNow());
        Assert.Empty(await job.RunOnceAsync(default));
        clock.Advance(TimeSpan.FromDays(2));
        var (auditId, record) = Assert.Single(await job.RunOnceAsync(default));

        Assert.Equal((purged.AuditId, "72 months after closure"), (auditId, record.Rule));
        Assert.Null(await TestStores.Audits(s.Host.Services).GetAuditAsync(purged.AuditId, default));
        Assert.Equal((0, 0, false, false), await purged.FindAsync(s.Host.Services));
    }

    internal static async Task CloseAsync(BotTestHost host, Guid auditId, DateTimeOffset now) =>
        await host.WorkAsync(async services =>
        {
            var changed = await services.GetRequiredService<AuditStore>().ChangeAuditAsync(auditId, a =>
            {
                var result = a.Status == AuditStatus.Issued ? a.ReleaseForModeration(now) : DomainResult.Ok;
                result = result.Succeeded && a.Status == AuditStatus.Moderation ? a.StartWorkshop() : result;
                return result.Succeeded ? a.Close(now) : result;
            }, default);
            Assert.True(changed.Saved, changed.Message);
        });

    /// <summary>Another audit of the same chair, closed at once, with one submitted return.</summary>
    private static async Task<Guid> SecondClosedAuditAsync(WorkshopScenario s)
    {
        var now = s.Host.Get<TimeProvider>().GetUtcNow();
        var chair = s.Chair.Person;
        var audit = await BriefingSeedAudit(s, chair, now);
        await CloseAsync(s.Host, audit, now);
        return audit;
    }

    private static async Task<Guid> BriefingSeedAudit(WorkshopScenario s, PersonRef chair, DateTimeOffset now)
    {
        var audit = await WorkshopBot.Tests.Briefings.BriefingSeed.OneCaseAuditAsync(s.Host.Services, chair, now.AddDays(-10));
        return audit.Id;
    }

    /// <summary>Outbox rows keyed or grouped by the poll: its card's durable updates.</summary>
    private static async Task<long> OutboxRowsOfAsync(BotTestHost host, string pollId)
    {
        await using var connection = await host.Get<StorageDatabase>().OpenAsync(default);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM outbox_messages WHERE dedupe_key LIKE @key OR correlation_id = @correlation",
            new { key = $"workshop:{pollId}:%", correlation = PollCardPublisher.DurableCorrelation(pollId) });
    }
}

/// <summary>Retention on the default SQLite store.</summary>
public sealed class RetentionPurgeSqlite : RetentionPurgeScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>Retention on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionPurgePostgres(PostgresServerFixture server) : RetentionPurgeScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}

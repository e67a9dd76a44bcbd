using Dapper;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// The records of which messages show which audits (<see cref="ShownMessages"/>) are kept only while they serve retention's
/// take-down: a 1:1 card that an Action.Execute answer replaced with a card of its own keeps only the audits that answer
/// read (and is recorded again when an answer shows the audit once more); a message that never reached Teams (failed for
/// good, blocked, gone, sent without an id) loses its records at the hourly job, while a message posted or still on its
/// way, and a card known by its ids, keep theirs. Ids only, as ever. Real host, real store, SQLite and PostgreSQL.
/// </summary>
internal static class ShownMessagesUpkeep
{
    public static async Task ACardReplacedInPlaceKeepsOnlyWhatItShowsAsync(string? postgres)
    {
        await using var s = await StartAsync(o =>
        {
            if (postgres is not null)
            {
                o.PostgresConnectionString = postgres;
            }
        });
        await s.SetUpIssuedAsync();
        var chat = BotTestHost.PersonalChat(Chair);
        await s.Host.SayAsync(Chair, chat, "returns");
        await s.Host.DrainOutboxAsync();
        var returns = await RetentionTakesDownChatCards.LastReplyAsync(s.Host, Chair);
        Assert.Equal(1, await CountAsync(s.Host, returns));

        // Answered in place with a card that reads no audit (a dashboard asked for an audit that is not there).
        var refused = await s.Host.ExecuteAsync(Chair, chat, DashboardScreen.Dashboard, new AuditRefData(Guid.NewGuid()),
            returns.Activity);
        Assert.NotNull(refused.Card);
        var afterRefusal = await CountAsync(s.Host, returns);
        // Answered in place with the audit's dashboard: the card shows the audit again, and is recorded so.
        var dashboard = await s.Host.ExecuteAsync(Chair, chat, DashboardScreen.Dashboard, new AuditRefData(s.AuditId), returns.Activity);
        Assert.NotNull(dashboard.Card);

        Assert.Equal(0, afterRefusal);
        Assert.Equal(1, await CountAsync(s.Host, returns));
        Assert.Equal(1, await CountAsync(s.Host, returns, s.AuditId));
    }

    public static async Task MessagesThatNeverReachedTeamsLoseTheirRecordsAsync(string? postgres)
    {
        var clock = new ManualTimeProvider();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.PostgresConnectionString = postgres;
        });
        var audit = Guid.NewGuid().ToString("D");
        var at = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var c = await host.Get<StorageDatabase>().OpenAsync(default))
        {
            // Still on its way two days on: held by a live send (its lease), or queued again (a message of the same key).
            var later = at + (long)ProcessedActivityPruner.KeepFor.TotalMilliseconds;
            foreach (var (key, status, sent, created, lease) in new (string, string, string?, long, long?)[]
            {
                ("k-failed", "Failed", null, at, null), ("k-blocked", "Blocked", null, at, null),
                ("k-sent-no-id", "Sent", null, at, null), ("k-sent", "Sent", "1:sent", at, null),
                ("k-pending", "Pending", null, later, null),
                ("k-in-flight", "InFlight", null, at, later * 2),
            })
            {
                await c.ExecuteAsync("""
                    INSERT INTO outbox_messages (tenant_id, kind, service_url, conversation_id, payload_json, dedupe_key, status,
                        attempts, next_attempt_at, created_at, updated_at, sent_activity_id, lease_owner, lease_until)
                    VALUES (@tenant, 'Send', 'https://smba.example/', 'a:chat', '{}', @key, @status, 0, @created, @created, @created,
                        @sent, @owner, @lease)
                    """, new
                {
                    tenant = BotTestHost.TenantId, key, status, created, sent, owner = lease is null ? null : "a-sender", lease,
                });
            }

            foreach (var (key, activity) in new (string?, string?)[]
            {
                ("k-failed", null), ("k-blocked", null), ("k-sent-no-id", null), ("k-gone", null), ("k-sent", null),
                ("k-pending", null), ("k-in-flight", null), (null, "1:card"),
            })
            {
                await c.ExecuteAsync($"""
                    INSERT INTO {ShownMessages.Table} (audit_id, tenant_id, service_url, conversation_id, activity_id, outbox_key,
                        created_at)
                    VALUES (@audit, @tenant, 'https://smba.example/', 'a:chat', @activity, @key, @at)
                    """, new { audit, tenant = BotTestHost.TenantId, activity, key, at });
            }
        }

        // Within the two days nothing goes; after them, the records of what never reached Teams.
        await host.Get<ProcessedActivityPruner>().RunOnceAsync(default);
        var early = await KeysAsync(host);
        clock.Advance(ProcessedActivityPruner.KeepFor + TimeSpan.FromMinutes(1));
        await host.Get<ProcessedActivityPruner>().RunOnceAsync(default);

        Assert.Equal(8, early.Count);
        Assert.Equal(["1:card", "k-in-flight", "k-pending", "k-sent"], await KeysAsync(host));
    }

    private static async Task<long> CountAsync(BotTestHost host, (string Conversation, string Activity) card, Guid? audit = null)
    {
        await using var c = await host.Get<StorageDatabase>().OpenAsync(default);
        return await c.ExecuteScalarAsync<long>($"""
            SELECT COUNT(*) FROM {ShownMessages.Table}
            WHERE conversation_id = @conversation AND activity_id = @activity AND (@audit = '' OR audit_id = @audit)
            """, new { conversation = card.Conversation, activity = card.Activity, audit = audit?.ToString("D") ?? "" });
    }

    private static async Task<List<string>> KeysAsync(BotTestHost host)
    {
        await using var c = await host.Get<StorageDatabase>().OpenAsync(default);
        return (await c.QueryAsync<string>($"SELECT COALESCE(outbox_key, activity_id) FROM {ShownMessages.Table}"))
            .Order(StringComparer.Ordinal).ToList();
    }
}

public sealed class ShownMessagesUpkeepOnSqlite
{
    [Fact]
    public Task ACardReplacedInPlaceInAOneToOneChatKeepsOnlyTheAuditsItShows() =>
        ShownMessagesUpkeep.ACardReplacedInPlaceKeepsOnlyWhatItShowsAsync(null);

    [Fact]
    public Task MessagesThatNeverReachedTeamsLoseTheirRecordsAfterTwoDays() =>
        ShownMessagesUpkeep.MessagesThatNeverReachedTeamsLoseTheirRecordsAsync(null);
}

[Collection(PostgresCollection.Name)]
public sealed class ShownMessagesUpkeepOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task ACardReplacedInPlaceInAOneToOneChatKeepsOnlyTheAuditsItShows() =>
        await ShownMessagesUpkeep.ACardReplacedInPlaceKeepsOnlyWhatItShowsAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task MessagesThatNeverReachedTeamsLoseTheirRecordsAfterTwoDays() =>
        await ShownMessagesUpkeep.MessagesThatNeverReachedTeamsLoseTheirRecordsAsync(await server.CreateDatabaseAsync());
}

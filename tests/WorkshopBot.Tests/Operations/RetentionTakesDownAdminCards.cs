using Dapper;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Audits.EndToEnd;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// The admins' channel was told that an open audit's chair had left the team: a card that names the chair and the audit's
/// title, posted under the "ops" correlation, not the audit's. When the audit's retention ends, that card is taken down
/// with the audit's own: updated once to the neutral card, which names neither. Real store, real purge job, manual clock.
/// </summary>
internal static class RetentionTakesDownAdminCards
{
    public static async Task RunAsync(string? postgres)
    {
        var admins = BotTestHost.Channel("Partnership admins", "Partnership office");
        await using var s = await AuditScenario.StartAsync(o =>
        {
            o.Settings["WorkshopBot:AdminChannelId"] = admins.ChannelId;
            if (postgres is not null)
            {
                o.PostgresConnectionString = postgres;
            }
        });
        await s.Host.SendAsync(s.Host.BotAdded(AuditScenario.Chair, admins));
        await s.SetUpIssuedAsync();
        await s.Host.SendAsync(ChairRemoved(s));
        await s.Host.DrainOutboxAsync();
        var title = AuditScenario.NewAuditForm.Title!;
        var (conversation, activity) = await ChairLeftCardAsync(s.Host);

        await RetentionPurgeScenarios.CloseAsync(s.Host, s.AuditId, s.Time.GetUtcNow());
        var due = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value.PurgeDueAt!.Value;
        s.Time.Advance(due.AddDays(1) - s.Time.GetUtcNow());
        var requestsBefore = s.Host.Connector.Requests.Count;
        var (_, record) = Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        await s.Host.DrainOutboxAsync();

        var puts = s.Host.Connector.Requests.Skip(requestsBefore)
            .Where(r => r.Method == "PUT" && r.RawTarget.Contains(Uri.EscapeDataString(activity), StringComparison.Ordinal)
                && r.RawTarget.Contains(Uri.EscapeDataString(conversation), StringComparison.Ordinal))
            .ToList();
        var put = Assert.Single(puts);
        Assert.Equal(200, put.StatusCode);
        Assert.Contains("removed under the partnership's retention policy", put.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(title, put.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(AuditScenario.Chair.Name, put.Body, StringComparison.Ordinal);
        Assert.True(record.CardsTakenDown >= 1, $"{record.CardsTakenDown} cards taken down");
        await using var c = await s.Host.Get<StorageDatabase>().OpenAsync(default);
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE dedupe_key LIKE 'ops:chair-left:%'"));
    }

    /// <summary>Where the admins' "chair has left" card is in Teams, read from the message that posted it.</summary>
    private static async Task<(string Conversation, string Activity)> ChairLeftCardAsync(BotTestHost host)
    {
        await using var c = await host.Get<StorageDatabase>().OpenAsync(default);
        var row = await c.QuerySingleAsync<(string?, string?, string?, string)>("""
            SELECT result_conversation_id, conversation_id, sent_activity_id, payload_json FROM outbox_messages
            WHERE dedupe_key LIKE 'ops:chair-left:%'
            """);
        Assert.Contains(AuditScenario.NewAuditForm.Title!, row.Item4, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(row.Item3), "the card was posted");
        return ((row.Item1 ?? row.Item2)!, row.Item3!);
    }

    /// <summary>Teams' teamMemberRemoved for the audit's chair, as RoleHoldersLeavingTheTeam sends it.</summary>
    private static Activity ChairRemoved(AuditScenario s)
    {
        var activity = s.Host.NewActivity(ActivityTypes.ConversationUpdate, AuditScenario.Outsider, BotTestHost.Channel("General")) with
        {
            MembersRemoved = [AuditScenario.Chair.Account],
        };
        return activity with
        {
            ChannelData = BotJson.ToElement(activity.GetTeamsChannelData()! with { EventType = "teamMemberRemoved" }),
        };
    }
}

/// <summary>The admins' card about the audit is taken down with it, on SQLite.</summary>
public sealed class RetentionTakesDownAdminCardsOnSqlite
{
    [Fact]
    public Task TheAdminsCardNamingTheAuditsChairIsTakenDownWithTheAudit() => RetentionTakesDownAdminCards.RunAsync(null);
}

/// <summary>The same on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionTakesDownAdminCardsOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task TheAdminsCardNamingTheAuditsChairIsTakenDownWithTheAudit() =>
        await RetentionTakesDownAdminCards.RunAsync(await server.CreateDatabaseAsync());
}

using Dapper;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// The purge takes down every card the bot posted for the audit in Teams (the action cards in the lead's and the chair's
/// chats, the plan's tracker): each is updated once to a neutral card that names no audit, queued in the purge's own
/// transaction, so a restart between the purge and the send still sends it; no row holds where the card was once it is
/// sent; a second run sends nothing again. Real store file (or PostgreSQL), real purge job, manual clock.
/// </summary>
internal static class RetentionTakesDownPostedCards
{
    internal const string ActionText = "Agree a joint protocol for interview notes between police and health";

    public static async Task RunAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var auditId = s.Audit.Id;
        await CreateActionAsync(s);
        await s.Host.DrainOutboxAsync();
        await RetentionPurgeScenarios.CloseAsync(s.Host, auditId, s.Time.GetUtcNow());
        await s.Host.DrainOutboxAsync();
        // Where the cards that carry the audit's text are, read while their rows still hold what they said.
        var posted = await PostedWithAsync(s.Host, ActionText, s.Audit.Title);
        Assert.True(posted.Count >= 2, $"{posted.Count} cards posted with the audit's text");

        s.Time.Advance(s.Time.GetUtcNow().AddMonths(73) - s.Time.GetUtcNow());
        var (_, record) = Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        // A crash between the purge's commit and the send: the take-downs are in the store, not in memory.
        await s.Host.RestartAsync();
        var requestsBefore = s.Host.Connector.Requests.Count;
        await s.Host.DrainOutboxAsync();
        Assert.Empty(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        await s.Host.DrainOutboxAsync();

        var puts = s.Host.Connector.Requests.Skip(requestsBefore).Where(r => r.Method == "PUT").ToList();
        foreach (var (conversation, activity) in posted)
        {
            var put = Assert.Single(puts, r => Target(r.RawTarget) == (conversation, activity));
            Assert.Equal(200, put.StatusCode);
            Assert.Contains("removed under the partnership's retention policy", put.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(ActionText, put.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(s.Audit.Title, put.Body, StringComparison.Ordinal);
        }

        Assert.True(record.CardsTakenDown >= posted.Count, $"{record.CardsTakenDown} taken down, {posted.Count} posted");
        Assert.Equal(record.CardsTakenDown, puts.Count);
        await using (var c = await s.Host.Get<StorageDatabase>().OpenAsync(default))
        {
            var ids = posted.Select(p => p.Activity).ToArray();
            var holding = await c.QueryAsync<string>(
                "SELECT dedupe_key FROM outbox_messages WHERE sent_activity_id IS NOT NULL OR activity_id IS NOT NULL");
            var left = await c.QueryAsync<(string, string?, string?)>(
                "SELECT dedupe_key, sent_activity_id, activity_id FROM outbox_messages");
            Assert.DoesNotContain(left, r => ids.Contains(r.Item2) || ids.Contains(r.Item3));
            Assert.DoesNotContain(holding, k => k.StartsWith(IOutboxStore.TakeDownPrefix, StringComparison.Ordinal));
        }

        var log = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, AuditStore.Key(auditId));
        var entry = Assert.Single(log, e => e.Action == AuditPurge.Action);
        Assert.Contains($"\"cardsTakenDown\":{record.CardsTakenDown}", entry.DetailJson, StringComparison.Ordinal);
    }

    /// <summary>A card Teams no longer has (deleted there, or its chat gone): the take-down's 404 counts as done.</summary>
    public static async Task RunAlreadyDeletedAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await CreateActionAsync(s);
        await s.Host.DrainOutboxAsync();
        await RetentionPurgeScenarios.CloseAsync(s.Host, s.Audit.Id, s.Time.GetUtcNow());
        await s.Host.DrainOutboxAsync();
        var posted = await PostedWithAsync(s.Host, ActionText, s.Audit.Title);
        var gone = posted[0];
        s.Host.Connector.Inject(Uri.EscapeDataString(gone.Activity), new InjectedFailure(404, "NotFound", Method: "PUT"));

        s.Time.Advance(s.Time.GetUtcNow().AddMonths(73) - s.Time.GetUtcNow());
        Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        var requestsBefore = s.Host.Connector.Requests.Count;
        await s.Host.DrainOutboxAsync();
        s.Time.Advance(TimeSpan.FromHours(1));
        await s.Host.DrainOutboxAsync();

        var requests = s.Host.Connector.Requests.Skip(requestsBefore).ToList();
        Assert.Single(requests, r => r.Method == "PUT" && r.StatusCode == 404);
        Assert.All(requests, r => Assert.Equal("PUT", r.Method));
        await using var c = await s.Host.Get<StorageDatabase>().OpenAsync(default);
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE dedupe_key LIKE @k",
            new { k = IOutboxStore.TakeDownPrefix + "%" }));
    }

    internal static Task<InvokeResult> CreateActionAsync(ActionScenario s) =>
        s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id,
            s.RecommendationNumber(partnership: true, "partnership"), ActionText, "County Police", PoliceLead.Id, "2026-05-30",
            "measure text", "information-sharing", null));

    /// <summary>The conversation and activity id of every card sent whose payload holds one of the texts.</summary>
    internal static async Task<List<(string Conversation, string Activity)>> PostedWithAsync(BotTestHost host, params string[] texts)
    {
        await using var c = await host.Get<StorageDatabase>().OpenAsync(default);
        var rows = await c.QueryAsync<(string?, string?, string, string)>("""
            SELECT result_conversation_id, conversation_id, sent_activity_id, payload_json FROM outbox_messages
            WHERE status = 'Sent' AND sent_activity_id IS NOT NULL
            """);
        return rows.Where(r => texts.Any(t => r.Item4.Contains(t, StringComparison.Ordinal)))
            .Select(r => ((r.Item1 ?? r.Item2)!, r.Item3)).Distinct().ToList();
    }

    internal static (string, string) Target(string rawTarget)
    {
        var segments = rawTarget.Split('?')[0].Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        return segments is ["v3", "conversations", var conversation, "activities", var activity] ? (conversation, activity) : ("", "");
    }
}

/// <summary>The purge takes down the audit's cards in Teams, on SQLite.</summary>
public sealed class RetentionTakesDownPostedCardsOnSqlite
{
    [Fact]
    public Task EveryCardPostedForTheAuditIsReplacedOnceByANeutralCardEvenAfterARestart() => RetentionTakesDownPostedCards.RunAsync(null);

    [Fact]
    public Task ACardAlreadyGoneFromTeamsCountsAsTakenDown() => RetentionTakesDownPostedCards.RunAlreadyDeletedAsync(null);
}

/// <summary>The same on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionTakesDownPostedCardsOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task EveryCardPostedForTheAuditIsReplacedOnceByANeutralCardEvenAfterARestart() =>
        await RetentionTakesDownPostedCards.RunAsync(await server.CreateDatabaseAsync());
}

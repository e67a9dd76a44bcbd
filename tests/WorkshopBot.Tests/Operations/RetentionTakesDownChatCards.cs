using Dapper;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Audits.EndToEnd;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// The purge takes down the cards in people's 1:1 chats that showed the audit though no outbox message ties them to it:
/// the representative's "my audits" reply, which their return then replaced in place as they filled it in, saved its
/// drafts and submitted it; the chair's "returns" reply, which the audit's dashboard replaced in place. Each is updated to
/// the neutral card, even when the bot restarts between the purge's commit and the send; nothing of the audit is in the
/// update; the records of which message showed the audit go with it; a second run queues nothing. Real host, real store.
/// </summary>
internal static class RetentionTakesDownChatCards
{
    private const string Narrative = "Records show a timely, well-recorded response.";

    private const string AuditTitle = "Non-accidental injury audit, spring 2026";

    public static async Task RunAsync(string? postgres)
    {
        await using var s = await StartAsync(o =>
        {
            if (postgres is not null)
            {
                o.PostgresConnectionString = postgres;
            }
        });
        await s.SetUpIssuedAsync();
        var rep = Agencies[0].Rep;
        await s.Host.SayAsync(rep, BotTestHost.PersonalChat(rep), "my audits");
        await s.Host.DrainOutboxAsync();
        var myAudits = await LastReplyAsync(s.Host, rep);
        var invokesBefore = s.Host.InvokeCards.Count;
        await s.FillAndSubmitAsync(0, 0, replyToId: myAudits.Activity);
        Assert.Contains(s.Host.InvokeCards.Skip(invokesBefore), c => c.GetRawText().Contains(Narrative, StringComparison.Ordinal));

        var chairChat = BotTestHost.PersonalChat(Chair);
        await s.Host.SayAsync(Chair, chairChat, "returns");
        await s.Host.DrainOutboxAsync();
        var returns = await LastReplyAsync(s.Host, Chair);
        var dashboard = await s.Host.ExecuteAsync(Chair, chairChat, DashboardScreen.Dashboard, new AuditRefData(s.AuditId),
            returns.Activity);
        Assert.Contains(AuditTitle, CardOf(dashboard).GetRawText(), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        var posted = await RetentionTakesDownPostedCards.PostedWithAsync(s.Host, AuditTitle, Narrative, Cases[0]);
        Assert.Contains(myAudits, posted);
        Assert.Contains(returns, posted);
        Assert.True(await ShownCountAsync(s.Host, "activity_id IS NOT NULL") >= 2, "the replies pressed are recorded by their ids");
        Assert.Equal(0, await ShownCountAsync(s.Host, "outbox_key LIKE 'reply:%' AND activity_id IS NULL"));

        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Release, new AuditRefData(s.AuditId)), "Returns released");
        AssertHasText(await s.ExecuteAsync(Chair, DashboardScreen.Close, new AuditRefData(s.AuditId)), "Audit closed.");
        await s.Host.DrainOutboxAsync();
        var due = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value.PurgeDueAt!.Value;
        s.Time.Advance(due.AddDays(1) - s.Time.GetUtcNow());
        var (_, record) = Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        // A crash between the purge's commit and the send: the take-downs are in the store, not in memory.
        await s.Host.RestartAsync();
        var requestsBefore = s.Host.Connector.Requests.Count;
        await s.Host.DrainOutboxAsync();
        Assert.Empty(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        var afterAgain = s.Host.Connector.Requests.Count;
        await s.Host.DrainOutboxAsync();

        Assert.Equal(afterAgain, s.Host.Connector.Requests.Count);
        var puts = s.Host.Connector.Requests.Skip(requestsBefore).Where(r => r.Method == "PUT").ToList();
        foreach (var card in posted)
        {
            var put = Assert.Single(puts, r => RetentionTakesDownPostedCards.Target(r.RawTarget) == card);
            Assert.Equal(200, put.StatusCode);
            Assert.Contains("removed under the partnership's retention policy", put.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(Narrative, put.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(AuditTitle, put.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(Cases[0], put.Body, StringComparison.Ordinal);
        }

        Assert.Equal(record.CardsTakenDown, puts.Count);
        Assert.Equal(0, await ShownCountAsync(s.Host, "1 = 1"));
        await using var c = await s.Host.Get<StorageDatabase>().OpenAsync(default);
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE dedupe_key LIKE @k",
            new { k = IOutboxStore.TakeDownPrefix + "%" }));
    }

    /// <summary>Where the latest reply in the person's 1:1 chat was posted (sent by now).</summary>
    internal static async Task<(string Conversation, string Activity)> LastReplyAsync(BotTestHost host, TestUser person)
    {
        await using var c = await host.Get<StorageDatabase>().OpenAsync(default);
        var (conversation, activity) = await c.QuerySingleAsync<(string, string)>("""
            SELECT conversation_id, sent_activity_id FROM outbox_messages WHERE dedupe_key LIKE @k AND status = 'Sent'
            ORDER BY id DESC LIMIT 1
            """, new { k = $"reply:{BotTestHost.PersonalChat(person).Id}:%" });
        return (conversation, activity);
    }

    private static async Task<long> ShownCountAsync(BotTestHost host, string where)
    {
        await using var c = await host.Get<StorageDatabase>().OpenAsync(default);
        return await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {ShownMessages.Table} WHERE {where}");
    }
}

/// <summary>The purge takes down the 1:1 cards that showed the audit, on SQLite.</summary>
public sealed class RetentionTakesDownChatCardsOnSqlite
{
    [Fact]
    public Task RepliesAndCardsAnsweredInPlaceAreReplacedByTheNeutralCardEvenAfterARestart() =>
        RetentionTakesDownChatCards.RunAsync(null);
}

/// <summary>The same on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionTakesDownChatCardsOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task RepliesAndCardsAnsweredInPlaceAreReplacedByTheNeutralCardEvenAfterARestart() =>
        await RetentionTakesDownChatCards.RunAsync(await server.CreateDatabaseAsync());
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkshopBot.Cards;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Support.OutboxTestMessages;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// Proactive sends through the durable outbox against the recording fake connector: delivered once, retried only on
/// transient failures, blocked users recorded, and nothing lost or repeated across a restart.
/// </summary>
public sealed class OutboxDelivery
{
    private static readonly TestUser Rep = BotTestHost.User("Riley Representative");

    [Fact]
    public async Task OpensTheOneToOneChatAndRecordsTheSentActivity()
    {
        await using var host = await BotTestHost.StartAsync();

        var queued = await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id,
            Card("Your audit tool"), "tool:1", "audit:a1"));
        await host.DrainOutboxAsync();

        var stored = await host.Get<IOutboxStore>().FindByDedupeKeyAsync(queued);
        Assert.Equal(OutboxStatus.Sent, stored!.Status);
        Assert.Equal(BotTestHost.PersonalChat(Rep).Id, stored.ResultConversationId);
        var sent = Assert.Single(host.Sent(BotTestHost.PersonalChat(Rep).Id));
        Assert.StartsWith("fake-message-", stored.SentActivityId, StringComparison.Ordinal);
        Assert.Contains("Your audit tool", sent.AllText, StringComparison.Ordinal);
        Assert.All(host.Connector.Requests, r => Assert.Equal("Bearer " + FakeBotTokenProvider.DefaultToken, r.Authorization));
    }

    [Fact]
    public async Task NamesTheBotAndTenantWhenOpeningAChatEvenIfTheActivityDoesNot()
    {
        await using var host = await BotTestHost.StartAsync();

        await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id,
            Card("No sender") with { From = null }, "no-from", null));
        await host.DrainOutboxAsync();

        var create = Assert.Single(host.Connector.Requests, r => r.Path == "/v3/conversations");
        var parameters = BotJson.Deserialize<ConversationParameters>(create.Body)!;
        Assert.Equal(("28:" + BotTestHost.AppId, BotTestHost.TenantId, false),
            (parameters.Bot?.Id, parameters.TenantId, parameters.IsGroup));
        Assert.Equal(Rep.Id, Assert.Single(parameters.Members!).Id);
    }

    [Fact]
    public async Task EnqueuingTheSameKeyTwiceSendsOnce()
    {
        await using var host = await BotTestHost.StartAsync();
        
        await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id, Card("Once"), "same-key", null));
        await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id, Card("Once"), "same-key", null));
        await host.DrainOutboxAsync();

        Assert.Single(host.Sent(BotTestHost.PersonalChat(Rep).Id));
    }

    [Fact]
    public async Task PostsANewThreadInAChannel()
    {
        await using var host = await BotTestHost.StartAsync();
        var channel = BotTestHost.Channel("Briefings");

        var queued = await host.QueueAsync(o => o.PostToChannel(host.ServiceUrl, BotTestHost.TenantId, channel.ChannelId!,
            Card("7-minute briefing"), "post:1", null));
        await host.DrainOutboxAsync();

        var stored = await host.Get<IOutboxStore>().FindByDedupeKeyAsync(queued);
        Assert.Equal(OutboxStatus.Sent, stored!.Status);
        Assert.StartsWith(channel.ChannelId + ";messageid=", stored.ResultConversationId, StringComparison.Ordinal);
        Assert.Contains("7-minute briefing", Assert.Single(host.Sent(channel.ChannelId)).AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetriesAThrottledSendHonouringRetryAfterAndDeliversOnce()
    {
        await using var host = await BotTestHost.StartAsync();
        var chat = BotTestHost.PersonalChat(Rep);
        host.Connector.Inject(Uri.EscapeDataString(chat.Id) + "/activities",
            new InjectedFailure(429, "TooManyRequests", TimeSpan.FromSeconds(1), Times: 2));

        var queued = await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id,
            Card("After throttling"), "throttled", null));
        await host.DrainOutboxAsync();

        Assert.Equal(OutboxStatus.Sent, (await host.Get<IOutboxStore>().FindByDedupeKeyAsync(queued))!.Status);
        var posts = host.Connector.Requests
            .Where(r => r.Method == "POST" && r.Path.EndsWith("/activities", StringComparison.Ordinal)).ToList();
        Assert.Equal([429, 429, 201], posts.Select(p => p.StatusCode));
        Assert.True(posts[1].ReceivedAt - posts[0].ReceivedAt >= TimeSpan.FromSeconds(0.9), "Retry-After was not honoured");
    }

    [Fact]
    public async Task KeepsAMessageTeamsKeepsThrottlingWithoutSpendingAttempts()
    {
        // Issue 10: a phase change's card was given up after a busy conversation answered 429 a few times in a row.
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.Settings["Bot:Connector:MaxAttempts"] = "1";
            o.Settings["Outbox:MaxAttempts"] = "2";
        });
        var chat = BotTestHost.PersonalChat(Rep);
        host.Connector.Inject(Uri.EscapeDataString(chat.Id) + "/activities",
            new InjectedFailure(429, "TooManyRequests", TimeSpan.FromSeconds(1), Times: 6));

        var queued = await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id,
            Card("The final tally"), "throttled-often", null));
        var store = host.Get<IOutboxStore>();
        for (var round = 0; round < 20 && (await store.FindByDedupeKeyAsync(queued))!.Status != OutboxStatus.Sent; round++)
        {
            await host.DrainOutboxAsync();
            var waiting = (await store.FindByDedupeKeyAsync(queued))!;
            Assert.Equal(0, waiting.Attempts);
            Assert.NotEqual(OutboxStatus.Failed, waiting.Status);
            clock.Advance(TimeSpan.FromSeconds(2));
        }

        var stored = (await store.FindByDedupeKeyAsync(queued))!;
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        Assert.Equal(0, stored.Attempts);
        var posts = host.Connector.Requests
            .Where(r => r.Method == "POST" && r.Path.EndsWith("/activities", StringComparison.Ordinal)).ToList();
        Assert.Equal([429, 429, 429, 429, 429, 429, 201], posts.Select(p => p.StatusCode));
    }

    [Fact]
    public async Task CountsThrottlingAsFailedAttemptsOnceAMessageIsOlderThanTheThrottlingAllowance()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.Settings["Bot:Connector:MaxAttempts"] = "1";
            o.Settings["Outbox:MaxAttempts"] = "2";
            o.Settings["Outbox:ThrottledRetryFor"] = "00:00:00";
        });
        host.Connector.Inject("/activities", new InjectedFailure(429, "TooManyRequests", TimeSpan.FromSeconds(1), Times: 100));

        var queued = await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id,
            Card("Never taken"), "throttled-for-ever", null));
        var store = host.Get<IOutboxStore>();
        for (var round = 0; round < 10 && (await store.FindByDedupeKeyAsync(queued))!.Status != OutboxStatus.Failed; round++)
        {
            await host.DrainOutboxAsync();
            clock.Advance(TimeSpan.FromSeconds(2));
        }

        var stored = (await store.FindByDedupeKeyAsync(queued))!;
        Assert.Equal(OutboxStatus.Failed, stored.Status);
        Assert.Contains("429", stored.LastError, StringComparison.Ordinal);
        Assert.Equal(2, host.Connector.Requests.Count(r => r.Path.EndsWith("/activities", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GivesUpAfterBoundedRetriesAndRecordsTheFailure()
    {
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["Bot:Connector:MaxAttempts"] = "2";
            o.Settings["Outbox:MaxAttempts"] = "2";
            // Past the outage allowance at once: a 503 then counts against Outbox:MaxAttempts (see OutboxThroughAnOutage).
            o.Settings["Outbox:TransientRetryFor"] = "00:00:00";
        });
        host.Connector.Inject("/activities", new InjectedFailure(503, "ServiceUnavailable", Times: 100));

        var queued = await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id,
            Card("Never arrives"), "unavailable", null));
        await host.DrainOutboxAsync();

        var stored = await host.Get<IOutboxStore>().FindByDedupeKeyAsync(queued);
        Assert.Equal(OutboxStatus.Failed, stored!.Status);
        Assert.Contains("503", stored.LastError, StringComparison.Ordinal);
        Assert.Equal(4, host.Connector.Requests.Count(r => r.Path.EndsWith("/activities", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RecordsABlockedUserWithoutRetrying()
    {
        await using var host = await BotTestHost.StartAsync();
        host.Connector.Inject("/activities", new InjectedFailure(403, "MessageWritesBlocked", Times: 10));

        var queued = await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id,
            Card("Blocked"), "blocked", null));
        await host.DrainOutboxAsync();

        Assert.Equal(OutboxStatus.Blocked, (await host.Get<IOutboxStore>().FindByDedupeKeyAsync(queued))!.Status);
        Assert.Single(host.Connector.Requests, r => r.Path.EndsWith("/activities", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportsAMessageTooLargeWithoutRetrying()
    {
        await using var host = await BotTestHost.StartAsync();
        host.Connector.Inject("/activities", new InjectedFailure(413, "MessageSizeTooBig", Times: 10));

        var queued = await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id,
            Card("Too big"), "too-big", null));
        await host.DrainOutboxAsync();

        var stored = await host.Get<IOutboxStore>().FindByDedupeKeyAsync(queued);
        Assert.Equal(OutboxStatus.Failed, stored!.Status);
        Assert.Contains("MessageSizeTooBig", stored.LastError, StringComparison.Ordinal);
        Assert.Single(host.Connector.Requests, r => r.Path.EndsWith("/activities", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InDevelopmentModeRefusesANonLoopbackServiceUrlAtOnceWithoutSendingAnything()
    {
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["MicrosoftAppId"] = "";
            o.Settings["MicrosoftAppPassword"] = "";
        });

        var queued = await host.QueueAsync(o => o.SendToUser("https://smba.trafficmanager.net/uk/", BotTestHost.TenantId, Rep.Id,
            Card("Not here"), "not-loopback", null));
        await host.DrainOutboxAsync();

        var stored = await host.Get<IOutboxStore>().FindByDedupeKeyAsync(queued);
        Assert.Equal((OutboxStatus.Failed, 0), (stored!.Status, stored.Attempts));
        Assert.Empty(host.Connector.Requests);
    }

    [Theory]
    [InlineData("https://connector.example.invalid/uk/", "connector.example.invalid")]
    [InlineData("http://smba.trafficmanager.net/uk/", "smba.trafficmanager.net")]
    public async Task RefusesAServiceUrlTheBotDoesNotTrustAtOnceWithoutRetryingAndTellsTheAdmins(string serviceUrl, string host)
    {
        var admins = BotTestHost.Channel("Partnership admins", "Partnership office");
        var logs = new Operations.UndeliverableMessages.CapturedLogs();
        await using var bot = await BotTestHost.StartAsync(o =>
        {
            o.Settings["WorkshopBot:AdminChannelId"] = admins.ChannelId;
            o.Services += services => services.AddSingleton<ILoggerProvider>(logs);
        });
        await bot.SendAsync(bot.BotAdded(Rep, admins));
        var before = bot.Connector.Requests.Count;

        var queued = await bot.QueueAsync(o => o.SendToUser(serviceUrl, BotTestHost.TenantId, Rep.Id,
            Card("Not there"), "untrusted-host", null));
        await bot.DrainOutboxAsync();
        var stored = await bot.Get<IOutboxStore>().FindByDedupeKeyAsync(queued);
        await bot.DrainOutboxAsync();

        // Failed for good at the first go, nothing sent there, and the admins told (by the fake connector, which is trusted).
        Assert.Equal((OutboxStatus.Failed, 0), (stored!.Status, stored.Attempts));
        Assert.Contains("ServiceUrlNotAllowed", stored.LastError, StringComparison.Ordinal);
        Assert.Equal(stored, await bot.Get<IOutboxStore>().FindByDedupeKeyAsync(queued));
        Assert.DoesNotContain(bot.Connector.Requests.Skip(before), r => r.Path.Contains(Rep.Id, StringComparison.Ordinal));
        var card = Assert.Single(bot.Sent(admins.ChannelId).SelectMany(x => x.Cards), c => c.GetRawText().Contains(
            "could not be delivered", StringComparison.Ordinal));
        Assert.DoesNotContain("Not there", card.GetRawText(), StringComparison.Ordinal);
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Error
            && e.Text.Contains("not sent and not retried: WorkshopBot does not send to host " + host, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DrainsExactlyOnceAcrossARestart()
    {
        await using var host = await BotTestHost.StartAsync(o => o.Settings["Outbox:BatchSize"] = "10");
                var users = Enumerable.Range(1, 12).Select(i => BotTestHost.User($"Representative {i}")).ToList();
        foreach (var (user, index) in users.Select((u, i) => (u, i)))
        {
            for (var n = 0; n < 3; n++)
            {
                await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, user.Id,
                    Card($"message {index}-{n}"), $"restart:{index}:{n}", "restart"));
            }
        }

        // One batch goes out, then the bot restarts with the rest still queued.
        Assert.Equal(10, await host.Get<OutboxDispatcher>().DrainOnceAsync(default));
        await host.RestartAsync();
        await host.DrainOutboxAsync();

        var texts = host.Sent().Select(s => s.AllText).ToList();
        for (var index = 0; index < users.Count; index++)
        {
            for (var n = 0; n < 3; n++)
            {
                var marker = $"message {index}-{n}\"";
                Assert.Equal(1, texts.Count(t => t.Contains(marker, StringComparison.Ordinal)));
            }
        }

        var stored = await host.Get<IOutboxStore>().ListByCorrelationAsync("restart");
        Assert.Equal(36, stored.Count);
        Assert.All(stored, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.Equal(0, await host.Get<IOutboxStore>().CountPendingAsync());
    }

    /// <summary>
    /// A bot killed with a message in flight (claimed under its instance id, lease still running) takes it back as soon as
    /// it starts again, without waiting for the lease; what another instance holds stays with that instance.
    /// </summary>
    [Fact]
    public async Task ARestartedInstanceResumesItsOwnInFlightMessagesAtOnceAndLeavesOthersAlone()
    {
        await using var host = await BotTestHost.StartAsync(o => o.Settings["Outbox:Lease"] = "00:30:00");
        var own = host.Get<Microsoft.Extensions.Options.IOptions<OutboxOptions>>().Value.ResolveInstanceId();
        await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id, Card("Mine in flight"), "own", null));
        var ours = await host.Get<IOutboxStore>().ClaimDueAsync(DateTimeOffset.UtcNow, 10, TimeSpan.FromMinutes(30), own);
        await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id, Card("Theirs in flight"), "theirs",
            null));
        var theirs = await host.Get<IOutboxStore>().ClaimDueAsync(DateTimeOffset.UtcNow, 10, TimeSpan.FromMinutes(30), "other-instance");

        await host.RestartAsync();
        await host.DrainOutboxAsync();

        Assert.Single(ours);
        Assert.Single(theirs);
        var texts = host.Sent().Select(s => s.AllText).ToList();
        Assert.Single(texts, t => t.Contains("Mine in flight", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("Theirs in flight", StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Sent, (await host.Get<IOutboxStore>().FindByDedupeKeyAsync("own"))!.Status);
    }

    [Fact]
    public async Task AMessageClaimedByACrashedInstanceIsDeliveredAfterItsLeaseExpires()
    {
        // The bot's clock is a manual one: the lease expires when the test says, not when a busy machine lets it.
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await BotTestHost.StartAsync(o => o.Time = clock);
        var queued = await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id,
            Card("Survives a crash"), "crash", null));

        // Another instance claims it and dies before sending.
        var lease = TimeSpan.FromMinutes(2);
        var claimed = await host.Get<IOutboxStore>().ClaimDueAsync(clock.GetUtcNow(), 10, lease, "crashed-instance");
        Assert.Single(claimed);
        Assert.Equal(0, await host.DrainOutboxAsync());
        clock.Advance(lease + TimeSpan.FromSeconds(1));
        await host.DrainOutboxAsync();

        Assert.Equal(OutboxStatus.Sent, (await host.Get<IOutboxStore>().FindByDedupeKeyAsync(queued))!.Status);
        Assert.Single(host.Sent(BotTestHost.PersonalChat(Rep).Id));
    }

    [Fact]
    public async Task ABurstToOneConversationStaysWithinTeamsLimits()
    {
        await using var host = await BotTestHost.StartAsync();
        var channel = BotTestHost.Channel("Workshop");
        var conversation = new ConversationRecord(channel.ChannelId!, host.ServiceUrl, BotTestHost.TenantId,
            "msteams", ConversationKind.Channel, channel.TeamId, null, null, null, null, null,
            BotTestHost.Bot.Id, true, DateTimeOffset.UtcNow);
        for (var i = 0; i < 12; i++)
        {
            await host.QueueAsync(o => o.Send(conversation, Card($"update {i}"), $"burst:{i}", null));
        }

        await host.DrainOutboxAsync();

        Assert.Equal(12, host.Sent(channel.ChannelId).Count);
        Assert.Equal(0, host.Connector.ThrottledCount);
    }
}

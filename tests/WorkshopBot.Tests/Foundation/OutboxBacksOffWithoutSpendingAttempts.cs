using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Support.OutboxTestMessages;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// Teams throttling a conversation without saying for how long (a 429 without Retry-After), and the bot's token out for an
/// hour (an Entra ID outage): messages are tried again after growing pauses (Outbox:RetryDelay doubled up to
/// Outbox:MaxRetryDelay), spend no attempt, and go, in order, as soon as it is seen that they can.
/// </summary>
public sealed class OutboxBacksOffWithoutSpendingAttempts
{
    private const int PerPerson = 4;
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A429WithoutRetryAfterIsTriedAgainAfterGrowingPausesAndTheConversationKeepsItsOrder()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var rep = BotTestHost.User("Thea Throttled");
        await using var host = await StartAsync(clock, null);
        var chatId = BotTestHost.PersonalChat(rep).Id;
        var chat = Uri.EscapeDataString(chatId) + "/activities";
        host.Connector.Inject(chat, new InjectedFailure(429, Times: 10_000));
        var first = await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, rep.Id,
            Card("Your return is due"), "throttled:first", null));
        var second = await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, rep.Id,
            Card("Your return is overdue"), "throttled:second", null));
        var store = host.Get<IOutboxStore>();

        await RunAsync(host, clock, TimeSpan.FromMinutes(40));
        foreach (var key in new[] { first, second })
        {
            var waiting = (await store.FindByDedupeKeyAsync(key))!;
            Assert.Equal(OutboxStatus.Pending, waiting.Status);
            Assert.Equal(0, waiting.Attempts);
        }

        host.Connector.ClearInjected();
        var back = clock.GetUtcNow();
        while ((await store.FindByDedupeKeyAsync(second))!.Status != OutboxStatus.Sent)
        {
            Assert.True(clock.GetUtcNow() - back <= Longest + Step, "Not sent within the longest pause of Teams' return.");
            await host.DrainOutboxAsync();
            clock.Advance(Step);
        }

        var throttled = host.Connector.Requests.Where(r => r.RawTarget.EndsWith(chat, StringComparison.Ordinal) && r.StatusCode == 429)
            .Select(r => r.ClockAt).ToList();
        var pauses = throttled.Zip(throttled.Skip(1), (a, b) => b - a).ToList();
        var shown = string.Join(", ", pauses.Select(p => p.TotalSeconds));
        // 30 s doubled per 429 (less at most a quarter): each of the first five longer than the one before, none longer than
        // Outbox:MaxRetryDelay, and the later ones near it.
        Assert.InRange(pauses.Count, 6, 12);
        Assert.All(pauses.Take(5).Zip(pauses.Skip(1).Take(4)), p => Assert.True(p.Second > p.First, shown));
        Assert.All(pauses, p => Assert.True(p <= Longest + Step, shown));
        Assert.All(pauses.Skip(5), p => Assert.True(p >= Longest * 0.75 - Step, shown));
        List<string> titles = ["Your return is due", "Your return is overdue"];
        Assert.Equal(titles, Titles(host, chatId, titles));
    }

    [Fact]
    public async Task AnHourLongTokenOutageIsProbedByOneMessageAtGrowingPausesAndEverythingGoesInOrderOnceItIsBack()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new ClockedTokens(clock);
        await using var host = await StartAsync(clock, tokens);
        var (people, keys) = await QueueManyAsync(host);
        var store = host.Get<IOutboxStore>();

        await RunAsync(host, clock, TimeSpan.FromHours(1));
        foreach (var key in keys)
        {
            var waiting = (await store.FindByDedupeKeyAsync(key))!;
            Assert.Equal(OutboxStatus.Pending, waiting.Status);
            Assert.Equal(0, waiting.Attempts);
        }

        // The token was asked for by the sends under way when it first failed, then by one message at a time, at pauses
        // growing from 30 s to at most 10 min: not by each of the 20 messages every 30 s.
        var tries = tokens.Refused.GroupBy(t => t).Select(g => (At: g.Key, Count: g.Count())).OrderBy(t => t.At).ToList();
        var shown = string.Join(", ", tries.Select(t => $"{(t.At - tries[0].At).TotalSeconds}s x{t.Count}"));
        Assert.All(tries.Skip(1), t => Assert.True(t.Count == 1, shown));
        Assert.InRange(tries.Count, 8, 14);
        var pauses = tries.Zip(tries.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.All(pauses.Take(5).Zip(pauses.Skip(1).Take(4)), p => Assert.True(p.Second > p.First, shown));
        Assert.All(pauses, p => Assert.True(p <= Longest + Step, shown));

        tokens.Failing = false;
        var back = clock.GetUtcNow();
        while (!await AllSentAsync(store, keys))
        {
            Assert.True(clock.GetUtcNow() - back <= Longest + Step, "Not sent within the longest pause of the token's return.");
            clock.Advance(Step);
            await host.DrainOutboxAsync();
        }

        // All at the probe that found the token back, each person's in the order queued.
        var sent = host.Connector.Requests
            .Where(r => r.StatusCode is >= 200 and < 300 && r.Path.EndsWith("/activities", StringComparison.Ordinal))
            .Select(r => r.ClockAt).ToList();
        Assert.Equal(keys.Count, sent.Count);
        Assert.True(sent.Max() - sent.Min() <= Step, string.Join(", ", sent.Select(s => (s - back).TotalSeconds)));
        AssertInOrder(host, people);
    }

    [Fact]
    public async Task ATurnsReplyFindingTheTokenBackSendsEverythingWaitingWithoutWaitingForTheNextProbe()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new ClockedTokens(clock);
        await using var host = await StartAsync(clock, tokens);
        var (people, keys) = await QueueManyAsync(host);
        var store = host.Get<IOutboxStore>();
        // Into the outage until the next try is minutes away (the probes' pauses have grown).
        var start = clock.GetUtcNow();
        while (await NextTryAsync(store, keys) - clock.GetUtcNow() < TimeSpan.FromMinutes(2))
        {
            Assert.True(clock.GetUtcNow() - start < TimeSpan.FromMinutes(30), "The messages are still tried every few seconds.");
            await RunAsync(host, clock, Step);
        }

        tokens.Failing = false;
        var chair = BotTestHost.User("Tom Turn");
        var chat = BotTestHost.PersonalChat(chair);
        using var response = await host.PostAsync(host.Message(chair, chat, "help"));
        await host.DrainOutboxAsync();

        Assert.Single(host.Sent(chat.Id));
        Assert.True(await AllSentAsync(store, keys), "What waited for the token still waits for the next probe.");
        AssertInOrder(host, people);
    }

    private static async Task<BotTestHost> StartAsync(ManualTimeProvider clock, ClockedTokens? tokens)
    {
        var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            // One request per outbox attempt, and the production pauses (the test host's default is none).
            o.Settings["Bot:Connector:MaxAttempts"] = "1";
            o.Settings["Outbox:RetryDelay"] = "00:00:30";
            o.Settings["Outbox:MaxRetryDelay"] = "00:10:00";
            // Several claims a drain, as with many more messages than a batch.
            o.Settings["Outbox:BatchSize"] = "8";
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Settings["Workshop:RunTimerInBackground"] = "false";
            if (tokens is not null)
            {
                o.Services = services =>
                {
                    services.RemoveAll<IBotTokenProvider>();
                    services.AddSingleton<IBotTokenProvider>(tokens);
                };
            }
        });
        host.Connector.LimitClock = clock;
        host.Connector.WriteLimits = [];
        return host;
    }

    /// <summary>
    /// Four cards for each of five people, queued once the token is out: within Teams' rates (per chat and per tenant) when
    /// they all go at once, as the bot's own limiter would otherwise wait on the test's clock, which stands still in a drain.
    /// </summary>
    private static async Task<(List<TestUser> People, List<string> Keys)> QueueManyAsync(BotTestHost host)
    {
        var people = Enumerable.Range(1, 5).Select(i => BotTestHost.User($"Outage Rep {i}")).ToList();
        var keys = new List<string>();
        for (var n = 1; n <= PerPerson; n++)
        {
            foreach (var person in people)
            {
                var text = $"Card {n:00} for {person.Name}";
                keys.Add(await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, person.Id, Card(text),
                    "token-outage:" + text, null)));
            }
        }

        return (people, keys);
    }

    private static async Task RunAsync(BotTestHost host, ManualTimeProvider clock, TimeSpan during)
    {
        var end = clock.GetUtcNow() + during;
        while (clock.GetUtcNow() < end)
        {
            await host.DrainOutboxAsync();
            clock.Advance(Step);
        }
    }

    private static async Task<DateTimeOffset> NextTryAsync(IOutboxStore store, List<string> keys)
    {
        var next = DateTimeOffset.MaxValue;
        foreach (var key in keys)
        {
            var message = (await store.FindByDedupeKeyAsync(key))!;
            next = message.NextAttemptAt < next ? message.NextAttemptAt : next;
        }

        return next;
    }

    private static async Task<bool> AllSentAsync(IOutboxStore store, List<string> keys)
    {
        foreach (var key in keys)
        {
            if ((await store.FindByDedupeKeyAsync(key))!.Status != OutboxStatus.Sent)
            {
                return false;
            }
        }

        return true;
    }

    private static void AssertInOrder(BotTestHost host, List<TestUser> people)
    {
        foreach (var person in people)
        {
            var titles = Enumerable.Range(1, PerPerson).Select(n => $"Card {n:00} for {person.Name}").ToList();
            Assert.Equal(titles, Titles(host, BotTestHost.PersonalChat(person).Id, titles));
        }
    }

    /// <summary>Which of <paramref name="titles"/> each card sent to the conversation shows, in the order sent.</summary>
    private static List<string> Titles(BotTestHost host, string conversationId, List<string> titles) =>
        [.. host.Sent(conversationId).Select(s => titles.SingleOrDefault(t => s.AllText.Contains(t, StringComparison.Ordinal)) ?? "?")];

    /// <summary>The bot's token, refused while <see cref="Failing"/>, each refusal recorded at the test's clock.</summary>
    private sealed class ClockedTokens(ManualTimeProvider clock) : IBotTokenProvider
    {
        private readonly ConcurrentQueue<DateTimeOffset> _refused = new();
        private int _failing = 1;

        public bool Failing
        {
            get => Volatile.Read(ref _failing) == 1;
            set => Volatile.Write(ref _failing, value ? 1 : 0);
        }

        public IReadOnlyList<DateTimeOffset> Refused => [.. _refused];

        public Task<string?> GetTokenAsync(CancellationToken cancellationToken)
        {
            if (Failing)
            {
                _refused.Enqueue(clock.GetUtcNow());
                throw new Microsoft.Identity.Client.MsalServiceException("temporarily_unavailable", "AADSTS50196: Entra ID is down.");
            }

            return Task.FromResult<string?>(FakeBotTokenProvider.DefaultToken);
        }
    }
}

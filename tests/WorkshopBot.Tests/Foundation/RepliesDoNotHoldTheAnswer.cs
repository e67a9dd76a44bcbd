using System.Net;
using System.Text;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// Teams gives an invoke about 5 s and then shows the person an error (they press again); a message's late answer is
/// delivered again. So a turn's answer waits for its own replies only <c>Outbox:ReplyWait</c> (2 s): a connector that
/// stalls or answers 503 with Retry-After does not hold it. What was not sent by then is still sent, once, and replies to
/// one conversation keep the order of their turns.
/// </summary>
public sealed class RepliesDoNotHoldTheAnswer
{
    // How long each answer takes is a speed figure (the 2 s wait plus the turn) and depends on the machine: these tests check
    // instead that the answer did not wait for the slow connector. Each answer must come before the connector would have let
    // its reply through (a stall of 12 s; three 503s asking for 3 s each), with the reply not yet posted when it came.
    public static TheoryData<string, InjectedFailure, int> SlowConnectors => new()
    {
        // POSTs only: the workshop card's live update (a PUT, at the coalescer's next slot) must not take the injected failure.
        { "stalls 12 s", new InjectedFailure(201, Times: 1, Hang: TimeSpan.FromSeconds(12), Method: "POST"), 12 },
        {
            "503 with Retry-After 3 s, three times",
            new InjectedFailure(503, "ServiceUnavailable", TimeSpan.FromSeconds(3), Times: 3, Method: "POST"), 9
        },
    };

    [Theory]
    [MemberData(nameof(SlowConnectors))]
    public async Task ACardActionIsAnsweredBeforeASlowConnectorTakesItsCardAndTheCardIsPostedOnce(string connector,
        InjectedFailure failure, int heldSeconds)
    {
        await using var scenario = await WorkshopScenario.CreateAsync();
        await scenario.StartAsync();
        var host = scenario.Host;
        await host.DrainOutboxAsync();
        host.Connector.Inject("/v3/conversations", failure);
        var create = host.CardAction(scenario.Chair, scenario.Channel, PollsScreen.CreatePoll,
            new CreatePollData(scenario.WorkshopId, PollTypes.CustomBoard, "What helped most", Dots: "3", MaxPerItem: "3"));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await PostWithoutWaitingAsync(host, create);
        var answeredAfter = watch.Elapsed;
        var postedByThen = PollCards(host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(answeredAfter < TimeSpan.FromSeconds(heldSeconds),
            $"The connector {connector}: answered after {answeredAfter.TotalSeconds:F1} s, once the connector let the reply through.");
        Assert.Empty(postedByThen);
        // A card the connector asked to come back for later waits in the outbox until then.
        await DrainUntilPostedAsync(host);
        Assert.Single(PollCards(host));
    }

    /// <summary>
    /// Teams throttles the poll's card (429, Retry-After 3 s) while the chair's invoke is to be answered within 2 s (the reply
    /// wait): the reply does not wait for the conversation's slot past the answer, though Bot:Connector:MaxRateLimitWait
    /// (3 s) would let it, since a rate-limit wait in the turn and the wait for its replies share one budget. It gives up at
    /// once: the card stays in the outbox, due when the slot comes, no attempt spent, and is posted once then.
    /// </summary>
    [Fact]
    public async Task AThrottledReplyIsLeftInTheOutboxRatherThanWaitedForPastTheAnswer()
    {
        await using var scenario = await WorkshopScenario.CreateAsync(o => o.Settings["Bot:Connector:MaxRetryAfter"] = "00:00:10");
        await scenario.StartAsync();
        var host = scenario.Host;
        await host.DrainOutboxAsync();
        host.Connector.Inject("/v3/conversations",
            new InjectedFailure(429, "TooManyRequests", TimeSpan.FromSeconds(3), Times: 1, Method: "POST"));
        var create = host.CardAction(scenario.Chair, scenario.Channel, PollsScreen.CreatePoll,
            new CreatePollData(scenario.WorkshopId, PollTypes.CustomBoard, "What helped most", Dots: "3", MaxPerItem: "3"));

        using var response = await PostWithoutWaitingAsync(host, create);
        var settledByTheAnswer = host.RepliesSentAsync().IsCompleted;
        var poll = (await scenario.SessionAsync()).Polls.Single(p => p.Prompt == "What helped most");
        var card = await host.Get<IOutboxStore>().FindByDedupeKeyAsync(poll.CardPostKey!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(settledByTheAnswer, "The reply was still waiting for its rate-limit slot when the invoke was answered.");
        Assert.Equal((OutboxStatus.Pending, 0), (card!.Status, card.Attempts));
        Assert.True(card.NextAttemptAt > DateTimeOffset.UtcNow, $"The card is due at {card.NextAttemptAt:O}, not when Teams asked.");
        Assert.Empty(PollCards(host));
        await DrainUntilPostedAsync(host);
        Assert.Single(PollCards(host));
        Assert.Equal(1, host.Connector.ThrottledCount);
    }

    [Fact]
    public async Task RepliesToOneConversationKeepTheirTurnsOrderWhileTheFirstStalls()
    {
        await using var host = await BotTestHost.StartAsync();
        var kim = BotTestHost.User("Kim Chair");
        var chat = BotTestHost.PersonalChat(kim);
        var stall = TimeSpan.FromSeconds(12);
        host.Connector.Inject("/activities", new InjectedFailure(201, Times: 1, Hang: stall));
        var first = host.Message(kim, chat, "help");
        var second = host.Message(kim, chat, "my audits");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var firstAnswer = await PostWithoutWaitingAsync(host, first);
        var firstAfter = watch.Elapsed;
        watch.Restart();
        using var secondAnswer = await PostWithoutWaitingAsync(host, second);
        var secondAfter = watch.Elapsed;
        await host.DrainOutboxAsync();
        var replies = host.Sent(chat.Id);

        Assert.Equal(HttpStatusCode.OK, firstAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondAnswer.StatusCode);
        // Each before the stalled reply went through: the second's reply waits behind the first's, to keep their order.
        Assert.True(firstAfter < stall, $"The first message was answered after {firstAfter.TotalSeconds:F1} s, once the stall ended.");
        Assert.True(firstAfter + secondAfter < stall,
            $"The second message was answered {(firstAfter + secondAfter).TotalSeconds:F1} s after the first was sent: after the stall.");
        Assert.Equal(2, replies.Count);
        Assert.Contains("Show this card", replies[0].AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("Show this card", replies[1].AllText, StringComparison.Ordinal);
    }

    /// <summary>Drains the outbox until the poll's card is posted (it may be due a few seconds from now), for 20 s at most.</summary>
    private static async Task DrainUntilPostedAsync(BotTestHost host)
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(20);
        await host.DrainOutboxAsync();
        while (PollCards(host).Count == 0 && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            await host.DrainOutboxAsync();
        }
    }

    private static List<SentActivity> PollCards(BotTestHost host) =>
        host.Sent().Where(s => s.Method == "POST" && s.AllText.Contains("What helped most", StringComparison.Ordinal)).ToList();

    /// <summary>The activity posted as Teams posts it, timed to its answer alone (the host's own posts wait for the replies).</summary>
    private static async Task<HttpResponseMessage> PostWithoutWaitingAsync(BotTestHost host, Activity activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(BotJson.Serialize(activity), Encoding.UTF8, "application/json"),
        };
        var token = host.Issuer.CreateToken(BotTestHost.AppId, activity.ServiceUrl);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return await host.Client.SendAsync(request);
    }
}

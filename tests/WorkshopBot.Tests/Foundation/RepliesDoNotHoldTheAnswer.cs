using System.Net;
using System.Text;
using WorkshopBot.Protocol.Schema;
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
    /// <summary>Well under Teams' 5 s for an invoke: the 2 s wait and the turn itself on a busy machine.</summary>
    private static readonly TimeSpan AnsweredWithin = TimeSpan.FromSeconds(4.5);

    public static TheoryData<string, InjectedFailure> SlowConnectors => new()
    {
        // POSTs only: the workshop card's live update (a PUT, at the coalescer's next slot) must not take the injected failure.
        { "stalls 8 s", new InjectedFailure(201, Times: 1, Hang: TimeSpan.FromSeconds(8), Method: "POST") },
        {
            "503 with Retry-After 2 s, three times",
            new InjectedFailure(503, "ServiceUnavailable", TimeSpan.FromSeconds(2), Times: 3, Method: "POST")
        },
    };

    [Theory]
    [MemberData(nameof(SlowConnectors))]
    public async Task ACardActionIsAnsweredBeforeASlowConnectorTakesItsCardAndTheCardIsPostedOnce(string connector,
        InjectedFailure failure)
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
        Assert.True(answeredAfter < AnsweredWithin, $"The connector {connector}: answered after {answeredAfter.TotalSeconds:F1} s.");
        Assert.Empty(postedByThen);
        await host.DrainOutboxAsync();
        Assert.Single(PollCards(host));
    }

    [Fact]
    public async Task RepliesToOneConversationKeepTheirTurnsOrderWhileTheFirstStalls()
    {
        await using var host = await BotTestHost.StartAsync();
        var kim = BotTestHost.User("Kim Chair");
        var chat = BotTestHost.PersonalChat(kim);
        host.Connector.Inject("/activities", new InjectedFailure(201, Times: 1, Hang: TimeSpan.FromSeconds(6)));
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
        Assert.True(firstAfter < AnsweredWithin, $"The first message was answered after {firstAfter.TotalSeconds:F1} s.");
        Assert.True(secondAfter < AnsweredWithin, $"The second message was answered after {secondAfter.TotalSeconds:F1} s.");
        Assert.Equal(2, replies.Count);
        Assert.Contains("Show this card", replies[0].AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("Show this card", replies[1].AllText, StringComparison.Ordinal);
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

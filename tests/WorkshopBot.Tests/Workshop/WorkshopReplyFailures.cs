using System.Net;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Briefings;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// Teams answering 503 to the bot's posts, over real HTTP: starting a workshop, creating a poll and publishing a briefing
/// each answer 200, Teams' redelivery of the same activity creates nothing twice, and once Teams takes posts again the
/// card goes out once (no orphan without its card, no second copy).
/// </summary>
public sealed class WorkshopReplyFailures
{
    private static readonly InjectedFailure Down = new(503, "ServiceUnavailable", Times: 12);

    [Fact]
    public async Task StartingAWorkshopWhileTeamsAnswers503LeavesOneSessionAndItsCard()
    {
        await using var scenario = await WorkshopScenario.CreateAsync();
        var host = scenario.Host;
        host.Connector.Inject("/v3/conversations", Down);
        var start = host.Message(scenario.Chair, scenario.Channel, StartScreen.Command);

        using var first = await host.PostAsync(start);
        using var again = await host.PostAsync(start);
        await host.DrainOutboxAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var sessions = await host.Get<IDocumentStore>()
            .ListAsync<WorkshopSession>(WorkshopRepository.Collection, key1: scenario.Audit.Id.ToString());
        Assert.Single(sessions);
        Assert.Contains(host.Connector.Requests, r => r.StatusCode == 503);
        Assert.Equal(0, await host.Get<IOutboxStore>().CountPendingAsync());
        Assert.Single(Delivered(host, sessions[0].Value.Id.ToString()), r => r.Method == "POST");
    }

    [Fact]
    public async Task CreatingAPollWhileTeamsAnswers503LeavesOnePollAndOneCard()
    {
        await using var scenario = await WorkshopScenario.CreateAsync();
        await scenario.StartAsync();
        var host = scenario.Host;
        await host.DrainOutboxAsync();
        host.Connector.Inject("/v3/conversations", Down);
        const string prompt = "What helped the family most in the crash week";
        var create = host.CardAction(scenario.Chair, scenario.Channel, PollsScreen.CreatePoll,
            new CreatePollData(scenario.WorkshopId, PollTypes.CustomBoard, prompt, Dots: "3", MaxPerItem: "3"));

        var first = await host.InvokeAsync(create);
        var again = await host.InvokeAsync(create);
        await DrainAllAsync(host);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        var polls = (await scenario.SessionAsync()).Polls.Where(p => p.Prompt == prompt).ToList();
        Assert.Single(polls);
        Assert.Contains(host.Connector.Requests, r => r.StatusCode == 503);
        Assert.Equal(0, await host.Get<IOutboxStore>().CountPendingAsync());
        Assert.Single(Delivered(host, prompt), r => r.Method == "POST");
    }

    [Fact]
    public async Task PublishingABriefingWhileTeamsAnswers503RecordsOnePublicationAndPostsItOnce()
    {
        await using var scenario = await WorkshopScenario.CreateAsync();
        var host = scenario.Host;
        var channel = BotTestHost.Channel("Practice learning", "Safeguarding Partnership");
        await host.SendAsync(host.BotAdded(scenario.Chair, channel));
        var audit = await BriefingSeed.OneCaseAuditAsync(host.Services, scenario.Chair.Person,
            host.Get<TimeProvider>().GetUtcNow().AddDays(-20));
        var chat = BotTestHost.PersonalChat(scenario.Chair);
        await host.ExecuteAsync(scenario.Chair, chat, ComposeScreen.Open, new OpenBriefingData(audit.Id));
        await host.ExecuteAsync(scenario.Chair, chat, ComposeScreen.Approve, new ApproveData(audit.Id, 1));
        await host.DrainOutboxAsync();
        host.Connector.Inject("/v3/conversations", Down);
        var publish = host.CardAction(scenario.Chair, chat, PublishScreen.Publish, new PublishData(audit.Id, 1, channel.Id));

        var first = await host.InvokeAsync(publish);
        var again = await host.InvokeAsync(publish);
        await DrainAllAsync(host);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(first.Body?.GetRawText(), again.Body?.GetRawText());
        Assert.Contains(host.Connector.Requests, r => r.StatusCode == 503);
        Assert.Equal(0, await host.Get<IOutboxStore>().CountPendingAsync());
        Assert.Single(host.Connector.Requests, r => r.Method == "POST" && r.StatusCode is >= 200 and < 300
            && r.Path == "/v3/conversations" && r.Body.Contains(channel.Id, StringComparison.Ordinal)
            && r.Body.Contains(audit.Id.ToString(), StringComparison.Ordinal));
    }

    /// <summary>
    /// Drains the outbox until nothing is pending, for 20 s at most: an invoke's reply that Teams' rate limits would make wait
    /// past the answer (the 503s count in the conversation's windows) is left in the outbox, due a moment later.
    /// </summary>
    private static async Task DrainAllAsync(BotTestHost host)
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(20);
        await host.DrainOutboxAsync();
        while (await host.Get<IOutboxStore>().CountPendingAsync() > 0 && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            await host.DrainOutboxAsync();
        }
    }

    /// <summary>Posts and updates Teams accepted whose body names <paramref name="text"/>.</summary>
    private static List<RecordedRequest> Delivered(BotTestHost host, string text) =>
        host.Connector.Requests.Where(r => r.StatusCode is >= 200 and < 300 && r.Body.Contains(text, StringComparison.Ordinal))
            .ToList();
}

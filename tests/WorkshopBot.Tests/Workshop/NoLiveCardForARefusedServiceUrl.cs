using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// The workshop's channel is stored with a serviceUrl the bot no longer sends to (its host taken off the allowed list since):
/// the live card's next update is refused before anything is sent (event 4105) and, as the outbox does (event 2019), the
/// conversation is marked inactive (event 4106), so the next vote's update is not tried there at all.
/// </summary>
public sealed class NoLiveCardForARefusedServiceUrl
{
    private const string Refused = "https://connector.example.invalid/uk/";

    [Fact]
    public async Task ALiveCardRefusedForItsHostMarksTheChannelInactive()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await WorkshopScenario.CreateAsync(o => o.Time = clock);
        await s.StartAsync();
        var (voters, board) = await s.OpenBoardForTwoAsync(clock);
        var coalescer = s.Host.Get<LiveCardCoalescer>();
        var conversationId = (await s.SessionAsync()).Conversation.ConversationId;

        // The first vote's update goes at once; the second waits for the next slot, and meanwhile the host of the channel's
        // stored serviceUrl is one the bot no longer sends to (a vote's own activity stores the serviceUrl it came with).
        var sent = coalescer.UpdatesSent;
        await s.DotAsync(voters[0], board, "i1");
        await WorkshopScenario.WaitForAsync(() => coalescer.UpdatesSent > sent);
        await s.DotAsync(voters[1], board, "i1");
        Assert.Equal(1, coalescer.PendingFor(s.Channel.Id));
        var conversations = s.Host.Get<IConversationStore>();
        var stored = (await conversations.GetAsync(s.Channel.Id))!;
        Assert.True(stored.Active);
        await conversations.UpsertAsync(stored with { ServiceUrl = Refused });
        var puts = s.Host.Sent(s.Channel.Id).Count(a => a.Method == "PUT");
        sent = coalescer.UpdatesSent;

        clock.Advance(TimeSpan.FromSeconds(1));
        var patience = System.Diagnostics.Stopwatch.StartNew();
        while ((await conversations.GetAsync(s.Channel.Id))!.Active && patience.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(10);
        }

        Assert.False((await conversations.GetAsync(s.Channel.Id))!.Active);
        await WorkshopScenario.WaitForAsync(() => coalescer.PendingFor(s.Channel.Id) == 0);
        Assert.Equal(sent, coalescer.UpdatesSent);
        Assert.Equal(puts, s.Host.Sent(s.Channel.Id).Count(a => a.Method == "PUT"));

        // The next change is not tried there (it would be refused again): the channel is inactive until the bot hears from
        // it again, so the send is skipped and counted as done.
        clock.Advance(TimeSpan.FromSeconds(1));
        coalescer.MarkChanged(conversationId, s.WorkshopId, board.Id);
        await WorkshopScenario.WaitForAsync(() => coalescer.UpdatesSent > sent);
        Assert.Equal(sent + 1, coalescer.UpdatesSent);
        Assert.Equal(puts, s.Host.Sent(s.Channel.Id).Count(a => a.Method == "PUT"));
        Assert.Equal(2, (await s.TallyAsync(board))["i1"]);
    }
}

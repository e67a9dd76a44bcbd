using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// Once the bot is removed from the workshop's channel, the live card updates that votes left waiting for their slot are
/// not sent there (Teams would refuse them): the coalescer's send checks the channel, once per slot, not the vote's turn.
/// </summary>
public sealed class NoLiveCardForARemovedChannel
{
    [Fact]
    public async Task AVotesCardUpdateIsNotSentAfterTheBotWasRemovedFromTheChannel()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await WorkshopScenario.CreateAsync(o => o.Time = clock);
        await s.StartAsync();
        var (voters, board) = await s.OpenBoardForTwoAsync(clock);
        var coalescer = s.Host.Get<LiveCardCoalescer>();
        Assert.Equal(0, coalescer.PendingFor(s.Channel.Id));

        // The first vote's update goes at once (the control: the card follows votes while the bot is there).
        var sent = coalescer.UpdatesSent;
        var shown = s.UpdatesOf(board).Count;
        await s.DotAsync(voters[0], board, "i1");
        await WorkshopScenario.WaitForAsync(() => coalescer.UpdatesSent > sent);
        Assert.Equal(shown + 1, s.UpdatesOf(board).Count);

        // The second waits for the next slot; meanwhile the bot is removed from the channel.
        await s.DotAsync(voters[1], board, "i1");
        Assert.Equal(1, coalescer.PendingFor(s.Channel.Id));
        await s.Host.SendAsync(s.Host.BotRemoved(s.Chair, s.Channel));
        Assert.False((await s.Host.Get<IConversationStore>().GetAsync(s.Channel.Id))!.Active);
        var puts = s.Host.Sent(s.Channel.Id).Count(a => a.Method == "PUT");

        clock.Advance(TimeSpan.FromSeconds(1));
        await WorkshopScenario.WaitForAsync(() => coalescer.UpdatesSent > sent + 1);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, coalescer.PendingFor(s.Channel.Id));
        Assert.Equal(shown + 1, s.UpdatesOf(board).Count);
        Assert.Equal(puts, s.Host.Sent(s.Channel.Id).Count(a => a.Method == "PUT"));
        Assert.Equal(2, (await s.TallyAsync(board))["i1"]);
    }
}

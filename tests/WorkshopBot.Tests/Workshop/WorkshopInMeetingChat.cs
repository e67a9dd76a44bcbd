using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>A workshop held in a Teams meeting's chat (a group chat) works as it does in a channel.</summary>
public sealed class WorkshopInMeetingChat
{
    [Fact]
    public async Task TheChairRunsABoardAndVotingInTheMeetingChat()
    {
        var meetingChat = BotTestHost.GroupChat("MACA workshop meeting");
        await using var s = await WorkshopScenario.CreateAsync(conversation: meetingChat);
        var rep = WorkshopScenario.Representative(1);
        var other = WorkshopScenario.Representative(2);

        await s.StartAsync();
        await s.JoinAsync(rep);
        await s.JoinAsync(other);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));
        await s.AddIdeaAsync(rep, board, "Strategy discussion held on the day of presentation.");
        await s.PhaseAsync(board, PhaseActions.Open);
        await s.DotAsync(rep, board, "i1");
        await s.DotAsync(other, board, "i1");

        Assert.Equal(new Dictionary<string, int> { ["i1"] = 2 }, await s.TallyAsync(board));
        Assert.Contains(s.Host.CardsIn(meetingChat.Id),
            c => c.GetRawText().Contains("Multi-agency audit workshop", StringComparison.Ordinal));
        Assert.Equal(meetingChat.Id, (await s.SessionAsync()).Conversation.ConversationId);
    }
}

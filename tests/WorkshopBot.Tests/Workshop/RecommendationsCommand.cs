using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// The chair types <c>recommendations</c>: in the workshop's channel, from any of its threads (as on the workshop's cards), or
/// in their 1:1 chat, they get the workshop's list; elsewhere, or as anyone but the chair, "No workshop".
/// </summary>
public sealed class RecommendationsCommand
{
    [Fact]
    public async Task TheChairGetsTheListFromAnyThreadOfTheWorkshopsChannelAndTheirOwnChatOnly()
    {
        var channel = BotTestHost.Channel("Audit workshop");
        var started = channel with { Id = channel.Id + ";messageid=1700000000001" };
        var another = channel with { Id = channel.Id + ";messageid=1700000000002" };
        await using var s = await WorkshopScenario.CreateAsync(conversation: started);
        await s.StartAsync();

        Assert.Equal("Recommendations", await SayAsync(s, s.Chair, started));
        Assert.Equal("Recommendations", await SayAsync(s, s.Chair, another));
        Assert.Equal("Recommendations", await SayAsync(s, s.Chair, channel));
        Assert.Equal("Recommendations", await SayAsync(s, s.Chair, BotTestHost.PersonalChat(s.Chair)));
        Assert.Equal("No workshop", await SayAsync(s, s.Chair, BotTestHost.Channel("Another team's channel")));
        var member = BotTestHost.User("Team member");
        Assert.Equal("No workshop", await SayAsync(s, member, another));
    }

    private static async Task<string> SayAsync(WorkshopScenario s, TestUser user, TestConversation where)
    {
        var before = s.Host.Sent(where.Id).Count;
        await s.Host.SayAsync(user, where, RecommendationsScreen.Command);
        await s.Host.DrainOutboxAsync();
        var answer = s.Host.Sent(where.Id).Skip(before).Last().AllText;
        return answer.Contains("\"No workshop\"", StringComparison.Ordinal) ? "No workshop"
            : answer.Contains("\"Recommendations\"", StringComparison.Ordinal) ? "Recommendations"
            : answer;
    }
}

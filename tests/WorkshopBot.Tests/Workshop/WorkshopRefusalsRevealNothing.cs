using WorkshopBot.Common.Teams;
using WorkshopBot.Tests.Robustness;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Teams;
using static WorkshopBot.Tests.Workshop.WorkshopScenario;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// Someone who may not act on a workshop gets the same answer whether the workshop exists or not: the chair's verbs and
/// adding an idea from elsewhere are refused before the card's poll is looked for, so a real workshop id with a made-up
/// poll id reads as an unknown workshop. And a chair's new poll is made only from the workshop's own conversation, since
/// its card is posted where the button was pressed.
/// </summary>
public sealed class WorkshopRefusalsRevealNothing
{
    [Fact]
    public async Task ARealWorkshopWithAMadeUpPollIsAnsweredAsAnUnknownWorkshop()
    {
        await using var s = await CreateAsync();
        await s.StartAsync();
        var rep = Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));
        var elsewhere = BotTestHost.Channel("Another channel");

        (TestUser By, TestConversation Where, string Verb, Func<Guid, string, object> Data)[] presses =
        [
            (rep, s.Channel, ModerationScreen.Moderate, (w, p) => new ModerateData(w, p, ModerateActions.Hide, "i1")),
            (rep, s.Channel, PollsScreen.Phase, (w, p) => new PhaseData(w, p, PhaseActions.Open)),
            (rep, elsewhere, ModerationScreen.Moderate, (w, p) => new ModerateData(w, p, ModerateActions.Hide, "i1")),
            (rep, elsewhere, IdeasScreen.AddIdea, (w, p) => new AddIdeaData(w, p, "Records were shared the same day.")),
        ];

        foreach (var (by, where, verb, data) in presses)
        {
            var unknown = CardText(await s.Host.ExecuteAsync(by, where, verb, data(Guid.NewGuid(), "p999")));
            foreach (var poll in new[] { "p999", board.Id })
            {
                var known = CardText(await s.Host.ExecuteAsync(by, where, verb, data(s.WorkshopId, poll)));
                Assert.Contains(Reply.NotAvailableTitle, known, StringComparison.Ordinal);
                Assert.Equal(unknown, known);
            }
        }

        Assert.Empty((await s.SessionAsync()).FindPoll(board.Id)!.Items);
    }

    [Fact]
    public async Task AChairCannotMakeAPollFromAnotherConversation()
    {
        await using var s = await CreateAsync();
        await s.StartAsync();
        await s.Host.DrainOutboxAsync();
        var polls = (await s.SessionAsync()).Polls.Count;

        foreach (var where in new[] { BotTestHost.Channel("Another channel"), BotTestHost.PersonalChat(s.Chair) })
        {
            var before = await StoreFingerprint.ReadAsync(s.Host);
            var answer = await s.Host.ExecuteAsync(s.Chair, where, PollsScreen.CreatePoll,
                new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));

            Assert.Contains(Reply.NotAvailableTitle, CardText(answer), StringComparison.Ordinal);
            Assert.Equal(Stored(before), Stored(await StoreFingerprint.ReadAsync(s.Host)));
        }

        Assert.Equal(polls, (await s.SessionAsync()).Polls.Count);

        // From the workshop's own channel the chair still makes it.
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));
        Assert.NotNull((await s.SessionAsync()).FindPoll(board.Id));
    }

    // What a refusal may still write: the activity's mark, and the conversation it came from (kept for every turn).
    private static string Stored(string fingerprint) => string.Join("; ", fingerprint.Split("; ")
        .Where(p => !p.StartsWith("processed_activities", StringComparison.Ordinal)
            && !p.StartsWith("conversations", StringComparison.Ordinal)));
}

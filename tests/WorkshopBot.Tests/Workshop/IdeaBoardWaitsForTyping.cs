using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// An idea board's shared card carries the Add idea form: Teams keeps neither the text typed into it nor the open form when
/// the card is updated. Ideas added while the board collects do not update it until nobody has added one for a quiet spell,
/// so a slow typist does not lose their idea each time someone else adds one; then it shows every idea.
/// </summary>
public sealed class IdeaBoardWaitsForTyping
{
    [Fact]
    public async Task IdeasAddedWhileTheBoardIsOpenUpdateItsCardOnlyAfterAQuietSpell()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Settings["Workshop:IdeaBoardQuiet"] = "00:00:20";
        });
        var (first, second) = (WorkshopScenario.Representative(1), WorkshopScenario.Representative(2));
        var board = await OpenBoardAsync(s, clock, first, second);
        var before = s.UpdatesOf(board).Count;

        var added = await s.AddIdeaAsync(first, board, "Prompt strategy discussion.");
        clock.Advance(TimeSpan.FromSeconds(10));
        await s.AddIdeaAsync(second, board, "A shared chronology kept up to date.");
        clock.Advance(TimeSpan.FromSeconds(19));
        await Task.Delay(300);

        // Slots passed, 29 seconds after the first idea but 19 after the second: the card keeps still.
        Assert.Contains("Idea added", WorkshopScenario.CardText(added), StringComparison.Ordinal);
        Assert.Equal(before, s.UpdatesOf(board).Count);

        clock.Advance(TimeSpan.FromSeconds(2));
        await WorkshopScenario.WaitForAsync(() => s.UpdatesOf(board).Count > before);
        var updates = s.UpdatesOf(board).Skip(before).ToList();
        var update = Assert.Single(updates);
        Assert.Contains("Adding ideas · 2 ideas", update.AllText, StringComparison.Ordinal);
        Assert.Contains("A shared chronology kept up to date.", update.AllText, StringComparison.Ordinal);
    }

    /// <summary>
    /// On a busy board, where an idea comes every 10 seconds, the quiet spell never comes: the card is still updated a minute
    /// (three quiet spells) after the first idea it waited with, with every idea stored by then.
    /// </summary>
    [Fact]
    public async Task ABusyBoardIsStillUpdatedThreeQuietSpellsAfterItsFirstNewIdea()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Settings["Workshop:IdeaBoardQuiet"] = "00:00:20";
        });
        var (first, second) = (WorkshopScenario.Representative(1), WorkshopScenario.Representative(2));
        var board = await OpenBoardAsync(s, clock, first, second);
        var before = s.UpdatesOf(board).Count;

        // Six ideas, ten seconds apart: 50 seconds after the first, the card has not moved.
        for (var i = 1; i <= 6; i++)
        {
            await s.AddIdeaAsync(i % 2 == 0 ? second : first, board, $"Idea number {i} from the busy board.");
            clock.Advance(TimeSpan.FromSeconds(i < 6 ? 10 : 9));
        }

        await Task.Delay(300);
        Assert.Equal(before, s.UpdatesOf(board).Count);

        // A minute after the first, though the last came only ten seconds ago, it shows all six.
        clock.Advance(TimeSpan.FromSeconds(2));
        await WorkshopScenario.WaitForAsync(() => s.UpdatesOf(board).Count > before);
        var update = Assert.Single(s.UpdatesOf(board).Skip(before));
        Assert.Contains("Adding ideas · 6 ideas", update.AllText, StringComparison.Ordinal);
    }

    /// <summary>
    /// Voting opened right after the last idea, in a group too large for card refresh (votes wait for a short quiet spell):
    /// the card no longer carries the Add idea form, so the votes do not wait the ideas' long spell. The tally reaches the
    /// card a couple of seconds after the last vote, not 20 s after the last idea (the "within 2 s").
    /// </summary>
    [Fact]
    public async Task VotesRightAfterTheLastIdeaShowOnTheCardWithoutTheIdeasQuietSpell()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Settings["Workshop:IdeaBoardQuiet"] = "00:00:20";
            o.Settings["Workshop:MaxRefreshUsers"] = "2";
        });
        await s.StartAsync();
        var voters = Enumerable.Range(1, 4).Select(i => BotTestHost.User($"Participant {i}")).ToList();
        foreach (var voter in voters)
        {
            await s.JoinAsync(voter, JoinScreen.OtherAgency);
        }

        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "2", MaxPerItem: "2"));
        await s.Host.DrainOutboxAsync();
        await s.LetCardUpdatesOutAsync(clock);
        await s.AddIdeaAsync(voters[0], board, "Prompt safeguarding action.");
        await s.PhaseAsync(board, PhaseActions.Open);
        foreach (var voter in voters)
        {
            await s.DotAsync(voter, board, "i1");
        }

        var posted = (await s.SessionAsync()).FindPoll(board.Id)!;
        for (var second = 0; second < 5 && !s.UpdatesOf(posted).Any(u => u.AllText.Contains("4 dots", StringComparison.Ordinal));
            second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(300);
            await s.Host.DrainOutboxAsync();
        }

        await WorkshopScenario.WaitForAsync(() => s.UpdatesOf(posted).Any(u => u.AllText.Contains("4 dots", StringComparison.Ordinal)));
        Assert.Contains(s.UpdatesOf(posted), u => u.AllText.Contains("4 dots", StringComparison.Ordinal));
    }

    /// <summary>The bot's own setting, not the tests' (which turn the quiet spell off for tests written before it).</summary>
    [Fact]
    public void TheQuietSpellIsLongEnoughToTypeAnIdea() =>
        Assert.True(new WorkshopOptions().IdeaBoardQuiet >= TimeSpan.FromSeconds(15));

    /// <summary>Two representatives joined, and a "What worked well?" board collecting ideas, its card sent and settled.</summary>
    private static async Task<Poll> OpenBoardAsync(WorkshopScenario s, ManualTimeProvider clock, TestUser first, TestUser second)
    {
        await s.StartAsync();
        await s.JoinAsync(first);
        await s.JoinAsync(second);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));
        await s.Host.DrainOutboxAsync();
        await s.LetCardUpdatesOutAsync(clock);
        clock.Advance(TimeSpan.FromSeconds(2));
        return (await s.SessionAsync()).FindPoll(board.Id)!;
    }
}

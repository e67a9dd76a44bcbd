using System.Globalization;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// A chair's button pressed twice (two activities, so not a redelivery) has its effect once: the second press changes,
/// posts and logs nothing.
/// </summary>
public sealed class WorkshopDoublePresses
{
    [Fact]
    public async Task AddRecommendationPressedTwiceListsItOnce()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var target = s.Host.Get<TimeProvider>().GetUtcNow().AddMonths(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var data = new AddRecommendationData(s.WorkshopId, "Share CP medical outcomes with the GP.", "partnership", target,
            "Audit of ten cases shows sharing within five days.");

        var first = await s.ExecuteAsync(s.Chair, RecommendationsScreen.Add, data);
        var second = await s.ExecuteAsync(s.Chair, RecommendationsScreen.Add, data);

        Assert.Contains("Recommendation added.", WorkshopScenario.CardText(first), StringComparison.Ordinal);
        Assert.Contains("already on the list", WorkshopScenario.CardText(second), StringComparison.Ordinal);
        Assert.Single((await s.SessionAsync()).Recommendations);
        Assert.Single(await s.LogAsync("workshop", s.WorkshopId.ToString()), e => e.Action == "workshop.recommendation.add");
    }

    [Fact]
    public async Task RatifyPressedTwicePostsAndLogsTheGradeOnce()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var grade = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, CaseReference: WorkshopScenario.Case.Value));
        await s.PhaseAsync(grade, PhaseActions.Open);
        await s.RatifyAsync(grade, "good", "Prompt multi-agency action.");
        await s.Host.DrainOutboxAsync();
        var updates = s.UpdatesOf((await s.SessionAsync()).FindPoll(grade.Id)!).Count;

        var again = await s.RatifyAsync(grade, "good", "Prompt multi-agency action.");
        await s.Host.DrainOutboxAsync();

        Assert.Contains("already ratified", WorkshopScenario.CardText(again), StringComparison.Ordinal);
        Assert.Equal(updates, s.UpdatesOf((await s.SessionAsync()).FindPoll(grade.Id)!).Count);
        Assert.Single(await s.LogAsync("workshop-poll", grade.Id), e => e.Action == "workshop.ratify");

        // A different grade is a correction, not a repeat.
        var corrected = await s.RatifyAsync(grade, "requires-improvement", "On reflection information sharing was slow.");
        Assert.Contains("Ratified: Requires improvement", WorkshopScenario.CardText(corrected), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddIdeaPressedTwicePutsTheIdeaOnTheBoardOnce()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var named = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Anonymous: "false"));
        var anonymous = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove, Anonymous: "true"));

        foreach (var board in new[] { named, anonymous })
        {
            var first = await s.AddIdeaAsync(rep, board, "Strategy discussion was prompt.", agencyId: "agency-1");
            var second = await s.AddIdeaAsync(rep, board, "Strategy discussion was prompt.", agencyId: "agency-1");

            Assert.Contains("Idea added", WorkshopScenario.CardText(first), StringComparison.Ordinal);
            Assert.Contains("already on the board", WorkshopScenario.CardText(second), StringComparison.Ordinal);
            Assert.Single((await s.SessionAsync()).FindPoll(board.Id)!.Items);
            Assert.Single(await s.LogAsync("workshop-poll", board.Id), e => e.Action == "workshop.idea.add");
        }

        // Another person's different idea still goes on.
        var other = WorkshopScenario.Representative(2);
        await s.JoinAsync(other);
        Assert.Contains("Idea added", WorkshopScenario.CardText(await s.AddIdeaAsync(other, named, "Records were shared the same day.")),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePollPressedTwicePostsOnePoll()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var data = new CreatePollData(s.WorkshopId, PollTypes.Single, "Best next step?", Choices: "Joint visit\nStrategy meeting");
        var board = new CreatePollData(s.WorkshopId, PollTypes.WorkedWell);

        foreach (var pressed in new[] { data, board })
        {
            var first = await s.TryCreatePollAsync(pressed);
            await s.Host.DrainOutboxAsync();
            var posts = s.Host.Sent(s.Channel.Id).Count(a => a.Method == "POST");
            var second = await s.TryCreatePollAsync(pressed);
            await s.Host.DrainOutboxAsync();

            Assert.Contains("Poll created and posted.", WorkshopScenario.CardText(first), StringComparison.Ordinal);
            Assert.Contains("already posted", WorkshopScenario.CardText(second), StringComparison.Ordinal);
            Assert.Equal(posts, s.Host.Sent(s.Channel.Id).Count(a => a.Method == "POST"));
        }

        var polls = (await s.SessionAsync()).Polls;
        Assert.Equal(2, polls.Count);
        foreach (var poll in polls)
        {
            Assert.Single(await s.LogAsync("workshop-poll", poll.Id), e => e.Action == "workshop.poll.create");
        }

        // Once the first board has an idea, the chair may post another board of the same kind.
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        await s.AddIdeaAsync(rep, polls[1], "Strategy discussion was prompt.");
        await s.CreatePollAsync(board);
    }

    [Fact]
    public async Task StartPressedTwiceStartsOneWorkshop()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();

        await s.Host.SayAsync(s.Chair, s.Channel, StartScreen.Command);
        var pressed = await s.ExecuteAsync(s.Chair, StartScreen.Start, new StartWorkshopData(s.Audit.Id));

        Assert.Contains("already started", WorkshopScenario.CardText(pressed), StringComparison.Ordinal);
        Assert.Contains(s.Host.Sent(s.Channel.Id), a => a.Activity.Text?.Contains("already started", StringComparison.Ordinal) == true);
        var sessions = await s.Host.Get<IDocumentStore>().ListAsync<WorkshopSession>(WorkshopRepository.Collection,
            key1: s.Audit.Id.ToString());
        Assert.Equal(s.WorkshopId, Assert.Single(sessions).Value.Id);
    }
}

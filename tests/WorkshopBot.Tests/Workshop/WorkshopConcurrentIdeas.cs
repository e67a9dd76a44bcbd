using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Common.Storage;
using WorkshopBot.Conversations;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// Everyone adding ideas at the same moment: every idea is kept and nobody sees an error; when others keep saving the
/// workshop first, the person is asked to try again in the words every feature uses.
/// </summary>
public sealed class WorkshopConcurrentIdeas
{
    [Fact]
    public async Task ThirtyPeopleAddingIdeasAtOnceAreAllRecorded()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));
        var people = Enumerable.Range(1, 5).Select(WorkshopScenario.Representative).ToList();
        foreach (var person in people)
        {
            await s.JoinAsync(person);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            s.AddIdeaAsync(people[i % people.Count], board, $"Idea number {i} about information sharing.")));

        Assert.All(results, r => Assert.Equal(System.Net.HttpStatusCode.OK, r.Status));
        var saved = (await s.SessionAsync()).FindPoll(board.Id)!;
        Assert.Equal(30, saved.Items.Count);
        Assert.Equal(30, saved.Items.Select(i => i.Text).Distinct().Count());
    }

    [Fact]
    public async Task WhenOthersKeepSavingTheWorkshopFirstTheIdeaIsNotAddedAndThePersonIsAskedToTryAgain()
    {
        var contested = new ContestedCommits(WorkshopRepository.Collection);
        await using var s = await WorkshopScenario.CreateAsync(o => o.Services = contested.Register);
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));

        contested.Times = int.MaxValue;
        var result = await s.AddIdeaAsync(rep, board, "Records were shared the same day.");
        contested.Times = 0;

        Assert.Contains(DocumentChanges.ChangedElsewhere, WorkshopScenario.CardText(result), StringComparison.Ordinal);
        Assert.Equal(TurnCoordinator.MaxAttempts, contested.Contested);
        Assert.Empty((await s.SessionAsync()).FindPoll(board.Id)!.Items);
    }

    /// <summary>A save that loses once to another writer is run again from a fresh read and stored.</summary>
    [Fact]
    public async Task AnIdeaThatLosesOnceToAnotherWriterIsStoredOnTheNextRun()
    {
        var contested = new ContestedCommits(WorkshopRepository.Collection);
        await using var s = await WorkshopScenario.CreateAsync(o => o.Services = contested.Register);
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));

        contested.Times = 1;
        var result = await s.AddIdeaAsync(rep, board, "Records were shared the same day.");

        Assert.Contains("Idea added", WorkshopScenario.CardText(result), StringComparison.Ordinal);
        Assert.Equal(1, contested.Contested);
        Assert.Single((await s.SessionAsync()).FindPoll(board.Id)!.Items);
    }
}

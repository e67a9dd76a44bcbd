using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>Everyone adding ideas at the same moment: every idea is kept and nobody sees an error.</summary>
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
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
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
        var contested = new ContestedWorkshops();
        await using var s = await WorkshopScenario.CreateAsync(o => o.Services = contested.Register);
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));

        contested.Active = true;
        var result = await s.AddIdeaAsync(rep, board, "Records were shared the same day.");
        contested.Active = false;

        Assert.Contains("Idea not added", WorkshopScenario.CardText(result), StringComparison.Ordinal);
        Assert.Contains(DocumentChanges.ChangedElsewhere, WorkshopScenario.CardText(result), StringComparison.Ordinal);
        Assert.Equal(DocumentChanges.MaxAttempts, contested.Refused);
        Assert.Empty((await s.SessionAsync()).FindPoll(board.Id)!.Items);
    }

    /// <summary>While active, every save of a workshop loses to "another instance" (the version check refuses it).</summary>
    private sealed class ContestedWorkshops
    {
        private int _refused;

        public bool Active { get; set; }

        public int Refused => Volatile.Read(ref _refused);

        public void Register(IServiceCollection services)
        {
            services.TryAddSingleton<SqlDocumentStore>();
            services.Replace(ServiceDescriptor.Singleton<IDocumentStore>(sp => new Store(sp.GetRequiredService<SqlDocumentStore>(), this)));
        }

        private sealed class Store(IDocumentStore inner, ContestedWorkshops contest) : IDocumentStore
        {
            public Task<StoredDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken = default) =>
                inner.GetAsync(collection, id, cancellationToken);

            public Task<bool> TryInsertAsync(string collection, string id, string json, string? key1, string? key2,
                CancellationToken cancellationToken = default) =>
                inner.TryInsertAsync(collection, id, json, key1, key2, cancellationToken);

            public Task<bool> TryUpdateAsync(string collection, string id, long expectedVersion, string json, string? key1, string? key2,
                CancellationToken cancellationToken = default)
            {
                if (contest.Active && collection == WorkshopRepository.Collection)
                {
                    Interlocked.Increment(ref contest._refused);
                    return Task.FromResult(false);
                }

                return inner.TryUpdateAsync(collection, id, expectedVersion, json, key1, key2, cancellationToken);
            }

            public Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, string? key1 = null, string? key2 = null,
                CancellationToken cancellationToken = default) =>
                inner.ListAsync(collection, key1, key2, cancellationToken);

            public Task<bool> DeleteAsync(string collection, string id, CancellationToken cancellationToken = default) =>
                inner.DeleteAsync(collection, id, cancellationToken);
        }
    }
}

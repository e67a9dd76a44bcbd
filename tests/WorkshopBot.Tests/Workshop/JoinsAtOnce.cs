using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// Many people joining at once, as a conference's audience does: a first join's writes are statements a group commit sends
/// with other turns' at once (no step that reads an earlier statement's answer), each person is registered and counted
/// once, and someone pressing Join twice at once is joined once, both presses answered "You have joined", one log line.
/// A change of agency still goes as a step of its own.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class JoinsAtOnce(PostgresServerFixture server)
{
    [Fact]
    public Task OnSqliteJoinsAtOnceAreEachRegisteredAndCountedOnce() => RunAsync(postgres: false);

    [Fact]
    public Task OnPostgresJoinsAtOnceAreEachRegisteredAndCountedOnce() => RunAsync(postgres: true);

    private async Task RunAsync(bool postgres)
    {
        var database = postgres ? await server.CreateDatabaseAsync() : null;
        try
        {
            var joins = new ConcurrentQueue<bool>();
            await using var s = await WorkshopScenario.CreateAsync(o =>
            {
                o.PostgresConnectionString = database;
                o.Services = services =>
                {
                    services.TryAddSingleton<SqlStoreCommitter>();
                    services.Replace(ServiceDescriptor.Singleton<IStoreCommitter>(sp =>
                        new Watched(sp.GetRequiredService<SqlStoreCommitter>(), joins)));
                };
            });
            await s.StartAsync();
            var crowd = Enumerable.Range(0, 24).Select(i => BotTestHost.User($"Conference Delegate {i}")).ToList();
            var twice = BotTestHost.User("Delegate Who Presses Twice");

            var presses = crowd.Select(p => s.ExecuteAsync(p, JoinScreen.Join, new JoinData(s.WorkshopId, JoinScreen.OtherAgency)))
                .Concat(Enumerable.Range(0, 2).Select(_ =>
                    s.ExecuteAsync(twice, JoinScreen.Join, new JoinData(s.WorkshopId, JoinScreen.OtherAgency))))
                .ToList();
            var answers = await Task.WhenAll(presses);

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
            Assert.All(answers, a => Assert.Contains("You have joined", WorkshopScenario.CardText(a), StringComparison.Ordinal));
            var participants = await s.Votes.ListParticipantsAsync(s.WorkshopId, default);
            Assert.Equal(crowd.Append(twice).Select(p => p.AadObjectId).Order(), participants.Select(p => p.UserKey).Order());
            Assert.Equal(25, await s.Votes.CountParticipantsAsync(s.WorkshopId, default));
            Assert.Equal(25, (await s.LogAsync("workshop", s.WorkshopId.ToString("D"))).Count(e => e.Action == "workshop.join"));
            // Every first join went as statements (each commit of a join is seen: one a person, and again for a turn sent
            // round): nothing in its work reads an earlier statement's answer.
            Assert.True(joins.Count >= 25, $"{joins.Count} join commits seen");
            Assert.DoesNotContain(true, joins);

            // A change of agency (the representative, who joined as an observer first) is a step of its own, and counts nobody twice.
            var rep = WorkshopScenario.Representative(2);
            await s.JoinAsync(rep, JoinScreen.OtherAgency);
            joins.Clear();
            var police = s.Audit.Agencies.Single(a => a.Name == "Police");
            await s.JoinAsync(rep, police.Id);
            Assert.Equal([true], joins);
            Assert.Equal(police.Id, (await s.Votes.GetParticipantAsync(s.WorkshopId, rep.AadObjectId, default))!.AgencyId);
            Assert.Equal(26, await s.Votes.CountParticipantsAsync(s.WorkshopId, default));
        }
        finally
        {
            if (database is not null)
            {
                await server.DropDatabaseAsync(database);
            }
        }
    }

    /// <summary>Passes every commit on, noting for each work that logs a join whether it holds a step that reads answers.</summary>
    private sealed class Watched(IStoreCommitter inner, ConcurrentQueue<bool> joins) : IStoreCommitter
    {
        public Task<CommitResult> CommitAsync(StoreWork work, CancellationToken cancellationToken)
        {
            // Taken as the work is committed: the turn's work is cleared afterwards.
            if (work.Steps.OfType<StoreWork.AppendStep>().Any(a => a.Entry.Action == "workshop.join"))
            {
                joins.Enqueue(work.Steps.Any(step => step is StoreWork.CustomStep));
            }


            return inner.CommitAsync(work, cancellationToken);
        }
    }
}

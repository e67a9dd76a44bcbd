using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// A vote's answer, the voter's ballot, is not kept with its processed mark (it was most of what a vote added to the
/// database): the mark holds one byte, and a redelivered vote is answered with the ballot as it stands then, counts once,
/// and logs nothing more. Other answers are still kept and replayed as they were (RedeliveredActivities).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RedeliveredVotes(PostgresServerFixture server)
{
    [Fact]
    public Task OnSqliteARedeliveredVoteGetsTheBallotAsItNowStandsAndCountsOnce() => RunAsync(postgres: false);

    [Fact]
    public Task OnPostgresARedeliveredVoteGetsTheBallotAsItNowStandsAndCountsOnce() => RunAsync(postgres: true);

    /// <summary>
    /// Two instances on one PostgreSQL database get the same vote at once (as Teams may redeliver to another instance
    /// behind one registration): whichever commits first counts it, and the other answers the same ballot, whether it
    /// read the vote already handled or lost the race for the mark at commit.
    /// </summary>
    [Fact]
    public async Task OnTwoInstancesTheSameVoteAtOnceCountsOnceAndBothAnswerTheBallot()
    {
        var database = await server.CreateDatabaseAsync();
        try
        {
            await using var s = await WorkshopScenario.CreateAsync(o => o.PostgresConnectionString = database);
            await using var second = await BotTestHost.StartAsync(o => o.PostgresConnectionString = database);
            await s.StartAsync();
            var reps = Enumerable.Range(1, 4).Select(WorkshopScenario.Representative).ToList();
            foreach (var rep in reps)
            {
                await s.JoinAsync(rep);
            }

            var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "5", MaxPerItem: "5"));
            await s.AddIdeaAsync(reps[0], board, "Agencies acted promptly.");
            await s.PhaseAsync(board, PhaseActions.Open);

            // Each person presses three times; each press reaches both instances at once.
            var answers = await Task.WhenAll(reps.Select(async rep =>
            {
                var texts = new List<string>();
                for (var press = 1; press <= 3; press++)
                {
                    var vote = s.Host.CardAction(rep, s.Channel, BallotScreen.Dot, new DotData(s.WorkshopId, board.Id, 1, "i1"));
                    var both = await Task.WhenAll(
                        s.Host.InvokeAsync(vote), second.InvokeAsync(vote with { ServiceUrl = second.ServiceUrl }));
                    Assert.All(both, a => Assert.Equal(System.Net.HttpStatusCode.OK, a.Status));
                    texts.AddRange(both.Select(WorkshopScenario.CardText));
                    Assert.All(both, a => Assert.Contains($"{5 - press} dots left", WorkshopScenario.CardText(a)));
                }

                return texts;
            }));

            Assert.Equal(24, answers.Sum(a => a.Count));
            Assert.Equal(new Dictionary<string, int> { ["i1"] = 12 }, await s.TallyAsync(board));
            Assert.Equal(12, (await s.LogAsync("workshop-poll", board.Id)).Count(e => e.Action == "workshop.vote"));
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }

    /// <summary>
    /// The late instance reads the vote before the first has handled it; just before the late one commits, the first
    /// handles it and the voter's next press too. The late one loses the race for the mark, and answers as a redelivery
    /// does, from what is stored then (two dots), not from its own reads (one): a read of several statements is not one
    /// snapshot, so those reads could already hold the winner's change and count the vote twice.
    /// </summary>
    [Fact]
    public async Task ADeliveryThatLosesTheRaceForTheMarkAnswersTheBallotAsItIsStored()
    {
        var database = await server.CreateDatabaseAsync();
        try
        {
            var earlier = new EarlierDelivery();
            await using var s = await WorkshopScenario.CreateAsync(o => o.PostgresConnectionString = database);
            await using var late = await BotTestHost.StartAsync(o =>
            {
                o.PostgresConnectionString = database;
                o.Services = earlier.Register;
            });
            await s.StartAsync();
            var rep = WorkshopScenario.Representative(1);
            await s.JoinAsync(rep);
            var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "5", MaxPerItem: "5"));
            await s.AddIdeaAsync(rep, board, "Agencies acted promptly.");
            await s.PhaseAsync(board, PhaseActions.Open);

            var vote = s.Host.CardAction(rep, s.Channel, BallotScreen.Dot, new DotData(s.WorkshopId, board.Id, 1, "i1"));
            var next = s.Host.CardAction(rep, s.Channel, BallotScreen.Dot, new DotData(s.WorkshopId, board.Id, 1, "i1"));
            earlier.Deliver = async () => [await s.Host.InvokeAsync(vote), await s.Host.InvokeAsync(next)];
            var answer = await late.InvokeAsync(vote with { ServiceUrl = late.ServiceUrl });

            Assert.Equal(CommitOutcome.AlreadyProcessed, earlier.LateOutcome);
            Assert.Equal(["4 dots left", "3 dots left"], earlier.Answers.Select(a => DotsLeft(WorkshopScenario.CardText(a))));
            Assert.Equal("3 dots left", DotsLeft(WorkshopScenario.CardText(answer)));
            Assert.Equal(new Dictionary<string, int> { ["i1"] = 2 }, await s.TallyAsync(board));
            Assert.Equal(2, (await s.LogAsync("workshop-poll", board.Id)).Count(e => e.Action == "workshop.vote"));
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }

    private async Task RunAsync(bool postgres)
    {
        var database = postgres ? await server.CreateDatabaseAsync() : null;
        try
        {
            await using var s = await WorkshopScenario.CreateAsync(o => o.PostgresConnectionString = database);
            await s.StartAsync();
            var rep = WorkshopScenario.Representative(1);
            await s.JoinAsync(rep);
            var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "3", MaxPerItem: "2"));
            await s.AddIdeaAsync(rep, board, "Agencies acted promptly.");
            await s.AddIdeaAsync(rep, board, "Father was involved.");
            await s.PhaseAsync(board, PhaseActions.Open);

            var vote = s.Host.CardAction(rep, s.Channel, BallotScreen.Dot, new DotData(s.WorkshopId, board.Id, 1, "i1"));
            var first = await s.Host.InvokeAsync(vote);
            Assert.Contains("2 dots left", WorkshopScenario.CardText(first));

            // The mark says the vote was handled, and keeps no answer: one byte where the packed ballot was.
            var mark = await s.Host.Get<IProcessedActivityStore>().FindAsync(vote.Conversation!.Id, vote.Id!);
            Assert.NotNull(mark);
            Assert.True(mark.Afresh);
            Assert.Null(mark.Json);
            await using (var connection = await s.Host.Get<StorageDatabase>().OpenAsync(default))
            {
                Assert.Equal(1L, await connection.ExecuteScalarAsync<long>(
                    "SELECT length(response_packed) FROM processed_activities WHERE conversation_id = @c AND activity_id = @a",
                    new { c = vote.Conversation.Id, a = vote.Id }));
            }

            // Redelivered at once: the same ballot as the first answer, the dot counted once.
            Assert.Equal(WorkshopScenario.CardText(first), WorkshopScenario.CardText(await s.Host.InvokeAsync(vote)));
            Assert.Equal(new Dictionary<string, int> { ["i1"] = 1 }, await s.TallyAsync(board));

            // Redelivered after the voter's next dot: their ballot as it stands, with both dots, and still each counted once.
            Assert.Contains("1 dot left", WorkshopScenario.CardText(await s.DotAsync(rep, board, "i2")));
            var late = WorkshopScenario.CardText(await s.Host.InvokeAsync(vote));
            Assert.Contains("1 dot left", late);
            Assert.DoesNotContain("2 dots left", late);
            Assert.Equal(new Dictionary<string, int> { ["i1"] = 1, ["i2"] = 1 }, await s.TallyAsync(board));
            Assert.Equal(2, (await s.LogAsync("workshop-poll", board.Id)).Count(e => e.Action == "workshop.vote"));

            // Redelivered after voting closed: the closed ballot, and the votes as they were.
            await s.PhaseAsync(board, PhaseActions.Close);
            Assert.Contains("closed", WorkshopScenario.CardText(await s.Host.InvokeAsync(vote)), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(new Dictionary<string, int> { ["i1"] = 1, ["i2"] = 1 }, await s.TallyAsync(board));
        }
        finally
        {
            if (database is not null)
            {
                await server.DropDatabaseAsync(database);
            }
        }
    }

    private static string DotsLeft(string card) => System.Text.RegularExpressions.Regex.Match(card, "[0-9]+ dots? left").Value;

    /// <summary>
    /// Plays the first delivery on another instance: just before this instance first commits a vote, the same vote (and
    /// whatever else <see cref="Deliver"/> sends) is handled there in full; then this instance's commit goes ahead.
    /// </summary>
    private sealed class EarlierDelivery
    {
        private int _ran;

        public Func<Task<InvokeResult[]>>? Deliver { get; set; }

        public IReadOnlyList<InvokeResult> Answers { get; private set; } = [];

        public CommitOutcome? LateOutcome { get; private set; }

        public void Register(IServiceCollection services)
        {
            services.TryAddSingleton<SqlStoreCommitter>();
            services.Replace(ServiceDescriptor.Singleton<IStoreCommitter>(sp =>
                new Committer(sp.GetRequiredService<SqlStoreCommitter>(), this)));
        }

        private sealed class Committer(IStoreCommitter inner, EarlierDelivery earlier) : IStoreCommitter
        {
            public async Task<CommitResult> CommitAsync(StoreWork work, CancellationToken cancellationToken)
            {
                var vote = work.Steps.OfType<StoreWork.AppendStep>().Any(a => a.Entry.Action == "workshop.vote");
                if (!vote || earlier.Deliver is null || Interlocked.Exchange(ref earlier._ran, 1) == 1)
                {
                    return await inner.CommitAsync(work, cancellationToken);
                }

                earlier.Answers = await earlier.Deliver();
                var result = await inner.CommitAsync(work, cancellationToken);
                earlier.LateOutcome = result.Outcome;
                return result;
            }
        }
    }
}

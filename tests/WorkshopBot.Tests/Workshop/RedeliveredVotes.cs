using Dapper;
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
}

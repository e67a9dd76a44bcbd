using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Conversations;
using WorkshopBot.Protocol;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// What a vote asks the database before it commits, counted on the real bot over HTTP: the turn's replay check, its
/// workshop and the voter's state, all in one round trip (on PostgreSQL each round trip wakes the server and the bot).
/// Votes and ballots read this way still see every change (a dot moved, another person's vote, a workshop changed by the
/// chair), and a redelivered vote is still answered as the first time and counted once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class VoteRoundTrips(PostgresServerFixture server)
{
    [Fact]
    public Task OnSqliteAVoteReadsItsReplayCheckWorkshopAndBallotInOneRoundTrip() => RunAsync(postgres: false);

    [Fact]
    public Task OnPostgresAVoteReadsItsReplayCheckWorkshopAndBallotInOneRoundTrip() => RunAsync(postgres: true);

    [Fact]
    public async Task InAChannelThatNamesItsTeamsGroupAVoteMakesOneRoundTripOnceTheGroupIsFoundStored()
    {
        // Teams names the team's Microsoft 365 group on every channel activity, and a before-each hook keeps the map.
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.Settings["Workshop:CardUpdateInterval"] = "01:00:00";
            o.Settings["Workshop:KnownVoterCountsAge"] = "00:00:00";
        });
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "3", MaxPerItem: "3"));
        await s.AddIdeaAsync(rep, board, "Agencies acted promptly.");
        await s.PhaseAsync(board, PhaseActions.Open);
        var storage = s.Host.Get<StorageDatabase>();
        var groupId = Guid.NewGuid().ToString();

        var reads = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var vote = s.Host.CardAction(rep, s.Channel, BallotScreen.Dot, new DotData(s.WorkshopId, board.Id, 1, "i1"));
            var channelData = vote.GetTeamsChannelData()!;
            var before = storage.ReaderQueries;
            await s.Host.InvokeAsync(vote with
            {
                ChannelData = BotJson.ToElement(channelData with { Team = channelData.Team! with { AadGroupId = groupId } }),
            });
            reads.Add(storage.ReaderQueries - before);
        }

        // The first vote reads the map and stores the pair, the second finds it stored, and from then on it is not read.
        Assert.Equal([2L, 2L, 1L], reads);
        Assert.Equal(groupId, await s.Host.WorkAsync(services =>
            services.GetRequiredService<BriefingStore>().FindTeamGroupIdAsync(s.Channel.TeamId!, default)));
        Assert.Equal(new Dictionary<string, int> { ["i1"] = 3 }, await s.TallyAsync(board));
    }

    [Fact]
    public async Task AVoteRecordsNoMessageAsShowingTheAuditItsPollsCardsAreFoundByThePoll()
    {
        // Retention takes a poll's cards down by the poll's correlation; recording the board pressed as showing the audit
        // too would cost every vote a statement in its commit, and change nothing.
        await using var s = await WorkshopScenario.CreateAsync(o => o.Settings["Workshop:CardUpdateInterval"] = "01:00:00");
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "3", MaxPerItem: "3"));
        await s.AddIdeaAsync(rep, board, "Agencies acted promptly.");
        await s.PhaseAsync(board, PhaseActions.Open);
        var before = await ShownAsync(s);

        for (var i = 0; i < 3; i++)
        {
            await s.Host.InvokeAsync(s.Host.CardAction(rep, s.Channel, BallotScreen.Dot, new DotData(s.WorkshopId, board.Id, 1, "i1"))
                with { ReplyToId = "board-" + i });
        }

        Assert.Equal(new Dictionary<string, int> { ["i1"] = 3 }, await s.TallyAsync(board));
        Assert.Equal(before, await ShownAsync(s));
        Assert.True(before > 0, "the chair's and the representative's other turns are recorded");
    }

    private static async Task<long> ShownAsync(WorkshopScenario s)
    {
        await using var c = await s.Host.Get<StorageDatabase>().OpenAsync(default);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, $"SELECT COUNT(*) FROM {ShownMessages.Table}");
    }

    private async Task RunAsync(bool postgres)
    {
        var database = postgres ? await server.CreateDatabaseAsync() : null;
        try
        {
            await using var s = await WorkshopScenario.CreateAsync(o =>
            {
                o.PostgresConnectionString = database;
                // No live card update in the background while reads are counted, and every vote read (KnownVoterVotes has
                // the votes of a voter this instance remembers, which read nothing).
                o.Settings["Workshop:CardUpdateInterval"] = "01:00:00";
                o.Settings["Workshop:KnownVoterCountsAge"] = "00:00:00";
            });
            await s.StartAsync();
            var rep = WorkshopScenario.Representative(1);
            var other = WorkshopScenario.Representative(2);
            await s.JoinAsync(rep);
            await s.JoinAsync(other);
            var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "3", MaxPerItem: "2"));
            await s.AddIdeaAsync(rep, board, "Agencies acted promptly.");
            await s.AddIdeaAsync(rep, board, "Father was involved.");
            await s.PhaseAsync(board, PhaseActions.Open);
            var storage = s.Host.Get<StorageDatabase>();

            var before = storage.ReaderQueries;
            var vote = s.Host.CardAction(rep, s.Channel, BallotScreen.Dot, new DotData(s.WorkshopId, board.Id, 1, "i1"));
            var first = await s.Host.InvokeAsync(vote);
            Assert.Equal(1, storage.ReaderQueries - before);
            Assert.Contains("2 dots left", WorkshopScenario.CardText(first));

            // Redelivered (same activity id): the stored answer, from the same single read, and the dot counted once.
            before = storage.ReaderQueries;
            var again = await s.Host.InvokeAsync(vote);
            Assert.Equal(1, storage.ReaderQueries - before);
            Assert.Equal(WorkshopScenario.CardText(first), WorkshopScenario.CardText(again));
            Assert.Equal(new Dictionary<string, int> { ["i1"] = 1 }, await s.TallyAsync(board));

            // Unreadable card data is answered without reading the workshop: the check is then made on its own, before the
            // answer, and a redelivery gets the stored answer.
            var unreadable = s.Host.CardAction(rep, s.Channel, BallotScreen.Dot, new { workshopId = "not a workshop" });
            before = storage.ReaderQueries;
            var refused = await s.Host.InvokeAsync(unreadable);
            Assert.Equal(1, storage.ReaderQueries - before);
            Assert.Equal(WorkshopScenario.CardText(refused), WorkshopScenario.CardText(await s.Host.InvokeAsync(unreadable)));

            await s.DotAsync(other, board, "i2");
            before = storage.ReaderQueries;
            var moved = await s.DotAsync(rep, board, "i1", -1);
            var view = await s.ViewAsync(rep, board);
            Assert.Equal(2, storage.ReaderQueries - before);
            Assert.Contains("3 dots left", WorkshopScenario.CardText(moved));
            Assert.Contains("3 dots left", WorkshopScenario.CardText(view));
            Assert.Equal(new Dictionary<string, int> { ["i2"] = 1 }, await s.TallyAsync(board));

            // The chair closes voting (the workshop document changes): the next vote reads the new workshop, not a kept one.
            await s.PhaseAsync(board, PhaseActions.Close);
            var late = await s.DotAsync(rep, board, "i1");
            Assert.Contains("Voting has closed", WorkshopScenario.CardText(late));
            Assert.Equal(new Dictionary<string, int> { ["i2"] = 1 }, await s.TallyAsync(board));
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

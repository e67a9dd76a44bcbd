using Dapper;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// Migration 2324 on a database as a bot before it left it, a workshop's voting in progress: each voter's dots per option
/// move from their rows in workshop_votes into the voter's own row, and workshop_votes goes. Every voter keeps their
/// ballot and version, the tallies stay as they were, and the polls vote on: a vote changes the ballot kept in the row,
/// a reset removes what it says it removed, a closed poll still refuses.
/// </summary>
public abstract class VoterBallotInRowMigration : StorageContract
{
    private const int Version = 2324;
    private static readonly Guid WorkshopId = Guid.Parse("00000000-0000-0000-0000-00000000b324");

    protected override bool MigrateBeforeEachTest => false;

    private SqlWorkshopVoteStore Store => new(Storage.Get<StorageDatabase>(), Storage.Get<IStoreCommitter>());

    [Fact]
    public async Task BallotsAndTalliesAreTheSameAfterAndVotingGoesOn()
    {
        var migrator = Storage.Get<StorageMigrator>();
        await MigrateBeforeAsync(Version);
        // As the vote path before 2324 left them: a voter's row (dots in use, version), a row per option, the counts.
        await PollAsync("p1", "Open", voters: 2, countsVersion: 6);
        await PollAsync("p2", "Closed", voters: 1, countsVersion: 1);
        await VoterAsync("p1", "alex", 3, ("a", 2), ("b", 1));
        await VoterAsync("p1", "kim", 2, ("b", 1), ("idea-40", 3));
        await VoterAsync("p1", "sam", 4); // voted, then took every dot back
        await VoterAsync("p2", "alex", 1, ("c", 1));
        await CountsAsync("p1", ("a", 2, 1), ("b", 2, 2), ("idea-40", 3, 1));
        await CountsAsync("p2", ("c", 1, 1));
        var rowsBefore = await VoteRowsAsync();
        var countsBefore = await CountRowsAsync();

        Assert.Equal(migrator.Migrations.Select(m => m.Version).Where(v => v >= Version), await migrator.MigrateAsync());

        var store = Store;
        await store.JoinAsync(WorkshopId, new WorkshopParticipant("alex", "29:alex", "alex", null, null, T0), default);
        await store.JoinAsync(WorkshopId, new WorkshopParticipant("kim", "29:kim", "kim", null, null, T0), default);
        Assert.Equal(countsBefore, await CountRowsAsync());
        Assert.Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = 1 }, await store.BallotAsync("p1", "alex", default));
        Assert.Equal(new Dictionary<string, int> { ["b"] = 1, ["idea-40"] = 3 }, await store.BallotAsync("p1", "kim", default));
        Assert.Empty(await store.BallotAsync("p1", "sam", default));
        Assert.Equal(new Dictionary<string, int> { ["c"] = 1 }, await store.BallotAsync("p2", "alex", default));
        Assert.Equal(rowsBefore.Select(r => (r.Poll, r.Voter, r.Option, r.Dots)).Order().ToList(),
            (await ListedAsync(store, "p1")).Concat(await ListedAsync(store, "p2")).Order().ToList());
        var read = await store.ReadVoterAsync(WorkshopId, "p1", "kim", default);
        Assert.Equal((2L, 3, 2), (read.Version, read.Ballot["idea-40"], read.Voters));
        Assert.Equal([("a", 2, 1), ("b", 2, 2), ("idea-40", 3, 1)],
            read.Tally.OrderBy(t => t.OptionId, StringComparer.Ordinal).Select(t => (t.OptionId, t.Dots, t.Voters)).ToList());
        await using (var connection = await Storage.OpenRawAsync())
        {
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
                connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM workshop_votes"));
        }

        // Voting goes on from the ballots kept in the rows: each vote checks the version the migration kept.
        Assert.Equal(VoteOutcome.Accepted, (await store.MoveDotAsync(WorkshopId, "p1", "alex", "b", 1, "r1", T0, default)).Outcome);
        Assert.Equal(VoteOutcome.Accepted,
            (await store.MoveDotAsync(WorkshopId, "p1", "kim", "idea-40", -1, "r2", T0, default)).Outcome);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = 2 }, await store.BallotAsync("p1", "alex", default));
        Assert.Equal(new Dictionary<string, int> { ["b"] = 1, ["idea-40"] = 2 }, await store.BallotAsync("p1", "kim", default));
        Assert.Equal([("a", 2, 1), ("b", 3, 2), ("idea-40", 2, 1)],
            (await store.TallyAsync("p1", default)).OrderBy(t => t.OptionId, StringComparer.Ordinal)
                .Select(t => (t.OptionId, t.Dots, t.Voters)).ToList());
        Assert.Equal(VoteOutcome.Closed, (await store.MoveDotAsync(WorkshopId, "p2", "alex", "c", 1, "r3", T0, default)).Outcome);

        // A reset removes the dot placements it reports (alex's two options, kim's two), and the ballots with them.
        Assert.Equal(4, await store.ResetAsync("p1", T0, default));
        Assert.Empty(await store.BallotAsync("p1", "alex", default));
        Assert.Empty(await store.TallyAsync("p1", default));
        Assert.Equal(new Dictionary<string, int> { ["c"] = 1 }, await store.BallotAsync("p2", "alex", default));
    }

    private Task PollAsync(string pollId, string status, int voters, int countsVersion) => Storage.ExecuteRawAsync("""
        INSERT INTO workshop_polls (poll_id, workshop_id, status, dots_per_voter, max_per_option, closes_at, updated_at, voters,
            counts_version)
        VALUES (@pollId, @workshopId, @status, 10, 5, NULL, @at, @voters, @countsVersion)
        """, new { pollId, workshopId = WorkshopId.ToString("D"), status, at = UnixTime.ToMs(T0), voters, countsVersion });

    private async Task VoterAsync(string pollId, string voterKey, long version, params (string Option, int Dots)[] ballot)
    {
        var at = UnixTime.ToMs(T0);
        await Storage.ExecuteRawAsync(
            "INSERT INTO workshop_voters (poll_id, voter_key, dots, version, updated_at) VALUES (@pollId, @voterKey, @dots, @version, @at)",
            new { pollId, voterKey, dots = ballot.Sum(b => b.Dots), version, at });
        foreach (var (option, dots) in ballot)
        {
            await Storage.ExecuteRawAsync("""
                INSERT INTO workshop_votes (poll_id, voter_key, option_id, dots, updated_at)
                VALUES (@pollId, @voterKey, @option, @dots, @at)
                """, new { pollId, voterKey, option, dots, at });
        }
    }

    private async Task CountsAsync(string pollId, params (string Option, int Dots, int Voters)[] counts)
    {
        foreach (var (option, dots, voters) in counts)
        {
            await Storage.ExecuteRawAsync(
                "INSERT INTO workshop_poll_counts (poll_id, option_id, dots, voters) VALUES (@pollId, @option, @dots, @voters)",
                new { pollId, option, dots, voters });
        }
    }

    private async Task<List<(string Poll, string Voter, string Option, long Dots)>> VoteRowsAsync()
    {
        await using var connection = await Storage.OpenRawAsync();
        return (await connection.QueryAsync<(string, string, string, long)>(
            "SELECT poll_id, voter_key, option_id, CAST(dots AS BIGINT) FROM workshop_votes")).ToList();
    }

    private async Task<List<(string Poll, string Option, long Dots, long Voters)>> CountRowsAsync()
    {
        await using var connection = await Storage.OpenRawAsync();
        return (await connection.QueryAsync<(string, string, long, long)>(
            "SELECT poll_id, option_id, CAST(dots AS BIGINT), CAST(voters AS BIGINT) FROM workshop_poll_counts "
            + "ORDER BY poll_id, option_id")).ToList();
    }

    private static async Task<IEnumerable<(string, string, string, long)>> ListedAsync(SqlWorkshopVoteStore store, string pollId) =>
        (await store.ListVotesAsync(pollId, default)).Select(v => (pollId, v.VoterKey, v.OptionId, (long)v.Dots));
}

public sealed class VoterBallotInRowMigrationOnSqlite : VoterBallotInRowMigration
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class VoterBallotInRowMigrationOnPostgres(PostgresServerFixture server) : VoterBallotInRowMigration
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreatePostgresAsync(server, migrate);
}

using Dapper;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// A batch of statement works (votes) committed at once: running counts are summed over the batch, and on PostgreSQL
/// each kind of statement goes once for all the works, with array parameters. The outcome of every work, and what is
/// stored, is what committing them one at a time would give.
/// </summary>
public abstract class StatementBatchContract : StorageContract
{
    private const string PollId = "poll-batch";

    private static readonly Guid WorkshopId = Guid.Parse("5b1f8a64-8f0e-4b9e-9d39-7c1f0d6a2e11");

    private SqlStoreCommitter Committer => (SqlStoreCommitter)Storage.Get<IStoreCommitter>();

    private SqlWorkshopVoteStore Votes => new(Storage.Get<StorageDatabase>(), Committer);

    [Fact]
    public async Task SummedStatementsOfABatchRunOnceWithTheirSumAndTheBatchCommitsAtOnce()
    {
        var before = Committer.AllAtOnceBatches;
        // Works 1..39 count +2, -1 and +1 on one row and +1 then -1 on another (which sums to nothing).
        var results = await OneBatch.CommitAsync(Committer, inLeader => CountWork("act-0", inLeader), i => CountWork("act-" + i, null));

        Assert.All(results, r => Assert.Equal(CommitOutcome.Committed, Assert.IsType<CommitResult>(r).Outcome));
        Assert.True(Committer.AllAtOnceBatches >= before + 2, "Both batches should have gone all at once.");
        await using var connection = await Storage.OpenRawAsync();
        Assert.Equal(80, await connection.ExecuteScalarAsync<long>("SELECT participants FROM workshop_counts WHERE workshop_id = 'w-sum'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM workshop_counts WHERE workshop_id = 'w-zero'"));
        Assert.Equal(40, (await Storage.Get<IAuditLog>().ListRecentAsync(100)).Count);
    }

    [Fact]
    public async Task FirstVotesOfManyVotersInOneBatchAreStoredWithTheirCounts()
    {
        await OpenPollAsync();
        var before = Committer.AllAtOnceBatches;

        var results = await OneBatch.CommitAsync(Committer, inLeader => VoteWork("act-0", "voter-0", inLeader),
            i => VoteWork("act-" + i, "voter-" + i));

        Assert.All(results, r => Assert.Equal(CommitOutcome.Committed, Assert.IsType<CommitResult>(r).Outcome));
        Assert.True(Committer.AllAtOnceBatches >= before + 2, "Both batches should have gone all at once.");
        await AssertStoredAsync(voters: 40);
        // Each vote's log entry (sent in one array statement with the others on PostgreSQL) carries its voter's tenant.
        var entries = await Storage.Get<IAuditLog>().ListAsync("workshop-poll", PollId);
        Assert.Equal(40, entries.Count);
        Assert.All(entries, e => Assert.Equal(TenantOf(e.ActorId), e.TenantId));
        Assert.Equal(3, entries.Select(e => e.TenantId).Distinct().Count());
        // Each answer (packed in one array parameter on PostgreSQL, nulls among them) is kept for its own activity.
        var processed = Storage.Get<IProcessedActivityStore>();
        foreach (var i in new[] { 0, 1, 7, 24, 39 })
        {
            Assert.Equal(new StoredResponse(200, Answer("act-" + i)), await processed.FindAsync("a:1", "act-" + i));
        }
    }

    [Fact]
    public async Task AVoterTwiceInOneBatchCountsOnceAndTheOtherVoteIsAConflict()
    {
        await OpenPollAsync();

        // Works 1..39 are voters 1..19, 0, 1..19: each voter's first vote, decided on an empty ballot.
        var results = await OneBatch.CommitAsync(Committer, inLeader => VoteWork("act-0", "someone-else", inLeader),
            i => VoteWork("act-" + i, "voter-" + (i % 20)));

        var outcomes = results.Select(r => Assert.IsType<CommitResult>(r).Outcome).ToList();
        Assert.Equal(20, outcomes.Count(o => o == CommitOutcome.Committed));
        Assert.Equal(19, outcomes.Count(o => o == CommitOutcome.Conflict));
        await AssertStoredAsync(voters: 21);
        for (var v = 0; v < 20; v++)
        {
            Assert.Equal(1, (await Votes.BallotAsync(PollId, "voter-" + v, CancellationToken.None)).Values.Sum());
        }
    }

    private async Task OpenPollAsync()
    {
        await Votes.RegisterPollAsync(new PollVotingRules(PollId, WorkshopId, PollVotingStatus.Open, 5, 5, null), T0,
            CancellationToken.None);
    }

    /// <summary>Every voter put one dot on idea "a" (even voter numbers) or "b" (odd).</summary>
    private async Task AssertStoredAsync(int voters)
    {
        var tally = await Votes.TallyAsync(PollId, CancellationToken.None);
        Assert.Equal(voters, tally.Sum(t => t.Dots));
        Assert.Equal(voters, tally.Sum(t => t.Voters));
        Assert.Equal(voters, await Votes.CountVotersAsync(PollId, CancellationToken.None));
        Assert.Equal(voters, (await Votes.ListVotesAsync(PollId, CancellationToken.None)).Count);
        Assert.Equal(voters, (await Storage.Get<IAuditLog>().ListRecentAsync(100)).Count);
    }

    private static StoreWork VoteWork(string activityId, string voter, Action? inLeader = null)
    {
        var option = voter.EndsWith(['0', '2', '4', '6', '8']) ? "a" : "b";
        var change = new VoteChange(PollId, voter, 0, new Dictionary<string, int>(), new Dictionary<string, int> { [option] = 1 }, T0);
        var work = new StoreWork();
        work.MarkProcessed("a:1", activityId, T0, 200, Answer(activityId));
        work.Execute("vote", provider =>
        {
            inLeader?.Invoke();
            return VoteSteps.Statements(change, provider);
        });
        work.Append(new NewAuditEvent(T0, voter, null, "workshop.vote", "workshop-poll", PollId, TenantId: TenantOf(voter)));
        return work;
    }

    /// <summary>Voters of two organisations, and some without a tenant (development), in one batch.</summary>
    private static string? TenantOf(string voter) =>
        (int.TryParse(voter.AsSpan(voter.LastIndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n % 3 : 0)
            switch
        {
            0 => null,
            1 => "0a1b2c3d-aaaa-4000-8000-00000000000a",
            _ => "0a1b2c3d-bbbb-4000-8000-00000000000b",
        };

    /// <summary>A ballot for most votes; none for every third (a turn that answered nothing).</summary>
    private static string? Answer(string activityId) =>
        int.Parse(activityId["act-".Length..], System.Globalization.CultureInfo.InvariantCulture) % 3 == 1
            ? null
            : $$"""{"ballot":"{{activityId}}","note":"● · #1 · 3 dots"}""";

    private static StoreWork CountWork(string activityId, Action? inLeader)
    {
        var work = new StoreWork();
        work.MarkProcessed("a:1", activityId, T0, 200, null);
        work.Execute("count", _ =>
        {
            inLeader?.Invoke();
            return [Count("w-sum", 2), Count("w-zero", 1), Count("w-sum", -1), Count("w-zero", -1), Count("w-sum", 1)];
        });
        work.Append(new NewAuditEvent(T0, "u-1", "User", "thing.counted", "thing", activityId));
        return work;
    }

    private static StoreStatement Count(string workshop, int delta) => new("""
        INSERT INTO workshop_counts (workshop_id, participants) VALUES (@w, @n)
        ON CONFLICT (workshop_id) DO UPDATE SET participants = workshop_counts.participants + excluded.participants
        """, null, ("@w", workshop), ("@n", delta)) { Summed = ["@n"] };
}

public sealed class StatementBatchOnSqlite : StatementBatchContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class StatementBatchOnPostgres(PostgresServerFixture server) : StatementBatchContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreatePostgresAsync(server, migrate);
}

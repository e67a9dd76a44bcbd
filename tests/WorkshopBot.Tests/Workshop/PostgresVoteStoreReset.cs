using Dapper;
using WorkshopBot.Cards;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Tests.Workshop;

/// <summary>A chair's reset while a vote is in flight on PostgreSQL: both finish, neither is a deadlock (an error to the user).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresVoteStoreReset(PostgresServerFixture server)
{
    private static readonly Guid WorkshopId = Guid.Parse("00000000-0000-0000-0000-00000000a002");
    private static readonly DateTimeOffset T0 = TestStorage.DefaultStart;

    [Fact]
    public async Task ResetWaitsForAVoteInFlightInsteadOfDeadlocking()
    {
        await using var storage = await TestStorage.CreatePostgresAsync(server);
        var store = new SqlWorkshopVoteStore(storage.Get<StorageDatabase>());
        await store.RegisterPollAsync(new PollVotingRules("p1", WorkshopId, PollVotingStatus.Open, 5, 5, null), T0, default);
        await store.JoinAsync(WorkshopId, new WorkshopParticipant("alex", "29:alex", "alex", null, null, T0), default);
        Assert.Equal(VoteOutcome.Accepted, (await store.MoveDotAsync(WorkshopId, "p1", "alex", "a", 1, "r1", T0, default)).Outcome);

        // A second dot of alex's, as the store casts it: share the poll row, then add to the vote row.
        await using var vote = await storage.OpenRawAsync();
        await using var voteTx = await vote.BeginTransactionAsync();
        await vote.ExecuteAsync("SELECT poll_id FROM workshop_polls WHERE poll_id = 'p1' FOR SHARE", transaction: voteTx);
        var reset = store.ResetAsync("p1", T0, default);
        await WaitUntilBlockedAsync(storage, reset);

        await vote.ExecuteAsync("UPDATE workshop_votes SET dots = dots + 1 WHERE poll_id = 'p1' AND voter_key = 'alex' AND option_id = 'a'",
            transaction: voteTx);
        await voteTx.CommitAsync();

        Assert.Equal(1, await reset);
        Assert.Empty(await store.TallyAsync("p1", default));
    }

    private static async Task WaitUntilBlockedAsync(TestStorage storage, Task reset)
    {
        // Polls the server's own view of lock waits: no clock involved.
        for (var i = 0; i < 10_000 && !reset.IsCompleted; i++)
        {
            var waiting = await storage.QueryScalarAsync<long>(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
            if (waiting > 0)
            {
                return;
            }

            await Task.Yield();
        }

        Assert.Fail("The reset neither waited for the vote's lock nor finished.");
    }
}

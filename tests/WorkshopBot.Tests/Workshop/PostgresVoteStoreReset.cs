using Dapper;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// On PostgreSQL a close or reset waits for the votes in flight (they share the poll's advisory lock, which it takes
/// exclusively): the vote is counted and then closed or reset, never a deadlock or a vote counted after the close.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresVoteStoreReset(PostgresServerFixture server)
{
    private static readonly Guid WorkshopId = Guid.Parse("00000000-0000-0000-0000-00000000a002");
    private static readonly DateTimeOffset T0 = TestStorage.DefaultStart;

    [Theory]
    [InlineData("reset")]
    [InlineData("close")]
    public async Task ACloseOrResetWaitsForAVoteInFlight(string action)
    {
        await using var storage = await TestStorage.CreatePostgresAsync(server);
        var store = new SqlWorkshopVoteStore(storage.Get<StorageDatabase>(), storage.Get<IStoreCommitter>());
        await store.RegisterPollAsync(new PollVotingRules("p1", WorkshopId, PollVotingStatus.Open, 5, 5, null), T0, default);
        await store.JoinAsync(WorkshopId, new WorkshopParticipant("alex", "29:alex", "alex", null, null, T0), default);
        Assert.Equal(VoteOutcome.Accepted, (await store.MoveDotAsync(WorkshopId, "p1", "alex", "a", 1, "r1", T0, default)).Outcome);

        // A second dot of alex's in a group commit that has not committed yet.
        var vote = (await store.ReadVoterAsync(WorkshopId, "p1", "alex", default)).MoveDot(WorkshopId, "alex", "a", 1, T0).Change!;
        await using var batch = await storage.OpenRawAsync();
        await using var batchTx = await batch.BeginTransactionAsync();
        foreach (var statement in VoteSteps.Statements(vote, StorageProvider.Postgres))
        {
            var changed = await StoreCommands.ExecuteAsync(batch, batchTx, statement.Sql, statement.Parameters);
            Assert.True(statement.ExpectedRows is null || statement.ExpectedRows == changed, statement.Sql);
        }

        var change = action == "reset"
            ? store.ResetAsync("p1", T0, default)
            : store.SetStatusAsync("p1", PollVotingStatus.Closed, null, T0, default);
        await WaitUntilBlockedAsync(storage, change);
        await batchTx.CommitAsync();
        await change;

        var after = await store.MoveDotAsync(WorkshopId, "p1", "alex", "b", 1, "r3", T0, default);
        if (action == "reset")
        {
            Assert.Equal(VoteOutcome.Accepted, after.Outcome);
            Assert.Equal(new Dictionary<string, int> { ["b"] = 1 }, await store.BallotAsync("p1", "alex", default));
        }
        else
        {
            Assert.Equal(VoteOutcome.Closed, after.Outcome);
            Assert.Equal(2, Assert.Single(await store.TallyAsync("p1", default)).Dots);
        }
    }

    private static async Task WaitUntilBlockedAsync(TestStorage storage, Task change)
    {
        // Polls the server's own view of lock waits: no clock involved.
        for (var i = 0; i < 10_000 && !change.IsCompleted; i++)
        {
            var waiting = await storage.QueryScalarAsync<long>(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
            if (waiting > 0)
            {
                return;
            }

            await Task.Yield();
        }

        Assert.Fail("The change neither waited for the vote's lock nor finished.");
    }
}

using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// Two instances on one PostgreSQL database commit works that take the same two rows in opposite orders, so each waits
/// for the other until the server ends the deadlock by failing one of them. That work is a conflict, stored not at all
/// and run again from fresh reads by its turn, not a failure its turn would answer with a 500; the other work commits.
/// (Seen when the same votes reached two instances at once and their group commits held them in different orders.)
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DeadlockedCommits(PostgresServerFixture server)
{
    private static readonly DateTimeOffset T0 = TestStorage.DefaultStart;

    [Fact]
    public async Task TheWorkChosenToEndADeadlockIsAConflictAndTheOtherCommits()
    {
        await using var storage = await TestStorage.CreatePostgresAsync(server);
        await storage.ExecuteRawAsync("INSERT INTO workshop_counts (workshop_id, participants) VALUES ('w-1', 0), ('w-2', 0)");
        var secondInstance = storage.CreateInstance();
        var firstHolds = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondHolds = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var results = await Task.WhenAll(
            storage.Get<IStoreCommitter>().CommitAsync(
                Crossing("act-1", "w-1", "w-2", firstHolds, secondHolds.Task), CancellationToken.None),
            secondInstance.GetRequiredService<IStoreCommitter>().CommitAsync(
                Crossing("act-2", "w-2", "w-1", secondHolds, firstHolds.Task), CancellationToken.None));

        Assert.Equal([CommitOutcome.Committed, CommitOutcome.Conflict], results.Select(r => r.Outcome).Order());
        var winner = results[0].Outcome == CommitOutcome.Committed ? "act-1" : "act-2";
        Assert.Contains("40P01", results.Single(r => r.Outcome == CommitOutcome.Conflict).Conflict, StringComparison.Ordinal);

        // Only the winner's writes: one count on each row, its mark alone, its audit line alone.
        await using var connection = await storage.OpenRawAsync();
        Assert.Equal([1, 1], await connection.QueryAsync<int>("SELECT participants FROM workshop_counts ORDER BY workshop_id"));
        Assert.Equal([winner], await connection.QueryAsync<string>("SELECT activity_id FROM processed_activities"));
        Assert.Equal(["c-" + winner], await connection.QueryAsync<string>("SELECT subject_id FROM audit_events"));

        // The loser runs again, as its turn would, and now commits.
        var loser = winner == "act-1" ? "act-2" : "act-1";
        var again = await storage.Get<IStoreCommitter>().CommitAsync(
            Crossing(loser, "w-1", "w-2", new TaskCompletionSource(), Task.CompletedTask), CancellationToken.None);
        Assert.Equal(CommitOutcome.Committed, again.Outcome);
        Assert.Equal([2, 2], await connection.QueryAsync<int>("SELECT participants FROM workshop_counts ORDER BY workshop_id"));
    }

    /// <summary>
    /// A work that counts one on <paramref name="firstRow"/>, says so, waits until the other work has taken its own first
    /// row, then counts one on <paramref name="secondRow"/>: two of them crossed wait for each other.
    /// </summary>
    private static StoreWork Crossing(string activityId, string firstRow, string secondRow, TaskCompletionSource holds,
        Task otherHolds)
    {
        var work = new StoreWork();
        work.MarkProcessed("a:1", activityId, T0, 200, null);
        work.Execute("crossing " + activityId, async (connection, transaction, _, _) =>
        {
            const string Count = "UPDATE workshop_counts SET participants = participants + 1 WHERE workshop_id = @row";
            await connection.ExecuteAsync(new CommandDefinition(Count, new { row = firstRow }, transaction));
            holds.TrySetResult();
            await otherHolds;
            await connection.ExecuteAsync(new CommandDefinition(Count, new { row = secondRow }, transaction));
            return true;
        });
        work.Append(new NewAuditEvent(T0, "u-1", "User", "thing.counted", "thing", "c-" + activityId));
        return work;
    }
}

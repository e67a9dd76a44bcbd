using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Support;

/// <summary>Makes the group committer take many works as one batch, to test what a batch does.</summary>
internal static class OneBatch
{
    /// <summary>
    /// Commits the work <paramref name="first"/> makes, whose statement factory calls the action it is given. That action
    /// runs inside the committer's leader, while it commits the first work: it queues works 1..<paramref name="count"/>
    /// there (the leader is busy, so each only queues), and the leader takes them next, as one batch. Nothing waits on a
    /// timer or on another thread, so a busy test run cannot split them. Answers their outcomes, each a
    /// <see cref="CommitResult"/> or the DbException the work failed with.
    /// </summary>
    public static async Task<object[]> CommitAsync(IStoreCommitter committer, Func<Action, StoreWork> first, Func<int, StoreWork> work,
        int count = 39)
    {
        List<Task<object>>? rest = null;
        void QueueTheRest()
        {
            // The factory runs again if the first batch goes one work at a time: queue once.
            if (rest is null)
            {
                rest = Enumerable.Range(1, count)
                    .Select(i => OutcomeAsync(committer.CommitAsync(work(i), CancellationToken.None))).ToList();
                Assert.Equal(count, ((SqlStoreCommitter)committer).Queued);
            }
        }

        Assert.Equal(CommitOutcome.Committed, (await committer.CommitAsync(first(QueueTheRest), CancellationToken.None)).Outcome);
        Assert.NotNull(rest);
        return await Task.WhenAll(rest);
    }

    private static async Task<object> OutcomeAsync(Task<CommitResult> commit)
    {
        try
        {
            return await commit;
        }
        catch (System.Data.Common.DbException ex)
        {
            return ex;
        }
    }
}

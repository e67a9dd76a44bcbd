using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Support;

/// <summary>Makes the group committer take many works as one batch, to test what a batch does.</summary>
internal static class OneBatch
{
    /// <summary>
    /// Commits the work <paramref name="first"/> makes, which holds the committer's leader (its statement factory calls the
    /// action it is given) until works 1..<paramref name="count"/> wait in the queue, so that those form one batch. Answers
    /// their outcomes, each a <see cref="CommitResult"/> or the DbException the work failed with.
    /// </summary>
    public static async Task<object[]> CommitAsync(IStoreCommitter committer, Func<Action, StoreWork> first, Func<int, StoreWork> work,
        int count = 39)
    {
        using var leading = new SemaphoreSlim(0);
        using var queued = new ManualResetEventSlim();
        void Hold()
        {
            if (!queued.IsSet)
            {
                leading.Release();
                queued.Wait(TimeSpan.FromSeconds(60));
            }
        }

        var held = Task.Run(() => committer.CommitAsync(first(Hold), CancellationToken.None));
        Assert.True(await leading.WaitAsync(TimeSpan.FromSeconds(60)));
        // Queued from this thread, one after another: while the leader is held, each call queues its work and returns
        // without running anything, so all of them wait in the queue together. (Started on the thread pool instead, they
        // depended on a pool that a busy test run can starve, and a CI run once found them in separate batches.)
        List<Task<object>> rest;
        try
        {
            rest = Enumerable.Range(1, count)
                .Select(i => OutcomeAsync(committer.CommitAsync(work(i), CancellationToken.None))).ToList();
            Assert.Equal(count, ((SqlStoreCommitter)committer).Queued);
        }
        finally
        {
            queued.Set();
        }

        Assert.Equal(CommitOutcome.Committed, (await held).Outcome);
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

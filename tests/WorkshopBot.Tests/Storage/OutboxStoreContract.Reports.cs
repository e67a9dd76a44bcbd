using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>Reports of messages that failed for good: listed until marked, marked once, and marked with a unit of work's card.</summary>
public abstract partial class OutboxStoreContract
{
    [Fact]
    public async Task FailuresNotYetReportedAreListedEarliestFirstWithinTheirTimesUntilMarked()
    {
        var failed = await Store.EnqueueAsync(Send("k-failed"));
        var blocked = await Store.EnqueueAsync(Send("k-blocked"));
        var sent = await Store.EnqueueAsync(Send("k-sent"));
        var old = await Store.EnqueueAsync(Send("k-old"));
        var later = await Store.EnqueueAsync(Send("k-later"));
        await Store.EnqueueAsync(Send("k-pending") with { NextAttemptAt = T0.AddHours(1) });
        Assert.Equal(5, (await Store.ClaimDueAsync(T0, 10, Lease, "drainer-a")).Count);
        Assert.True(await Store.MarkBlockedAsync(blocked.Id, "drainer-a", "403", T0.AddMinutes(1)));
        Assert.True(await Store.MarkFailedAsync(failed.Id, "drainer-a", "400", T0.AddMinutes(2)));
        Assert.True(await Store.MarkSentAsync(sent.Id, "drainer-a", "1:ok", null, T0.AddMinutes(1)));
        Assert.True(await Store.MarkFailedAsync(old.Id, "drainer-a", "400", T0.AddDays(-8)));
        Assert.True(await Store.MarkFailedAsync(later.Id, "drainer-a", "400", T0.AddMinutes(5)));

        Assert.Equal([blocked.Id, failed.Id],
            (await Store.ListUnreportedAsync(T0.AddDays(-7), T0.AddMinutes(5), 10)).Select(m => m.Id));
        Assert.Equal([blocked.Id], (await Store.ListUnreportedAsync(T0.AddDays(-7), T0.AddMinutes(5), 1)).Select(m => m.Id));
        Assert.Equal([old.Id, blocked.Id, failed.Id, later.Id],
            (await Store.ListUnreportedAsync(T0.AddDays(-9), T0.AddHours(1), 10)).Select(m => m.Id));

        Assert.True(await Store.MarkReportedAsync(blocked.Id, T0.AddMinutes(10)));
        Assert.False(await Store.MarkReportedAsync(blocked.Id, T0.AddMinutes(11)));
        Assert.False(await Store.MarkReportedAsync(sent.Id, T0.AddMinutes(10)));
        Assert.Equal(T0.AddMinutes(10), (await Store.GetAsync(blocked.Id))!.ReportedAt);
        Assert.Null((await Store.GetAsync(sent.Id))!.ReportedAt);
        Assert.Equal([failed.Id, later.Id], (await Store.ListUnreportedAsync(T0.AddDays(-7), T0.AddHours(1), 10)).Select(m => m.Id));
    }

    [Fact]
    public async Task AUnitOfWorkMarksAFailureReportedWithTheCardItQueuesAndAgainChangesNothing()
    {
        var failed = await Store.EnqueueAsync(Send("k-failed"));
        await Store.ClaimDueAsync(T0, 10, Lease, "drainer-a");
        Assert.True(await Store.MarkFailedAsync(failed.Id, "drainer-a", "400", T0));
        var committer = Storage.Get<IStoreCommitter>();

        foreach (var at in new[] { T0.AddMinutes(1), T0.AddMinutes(2) })
        {
            var work = new StoreWork();
            work.Enqueue(Send($"ops:undeliverable:{failed.Id}", correlationId: "ops") with { CreatedAt = at });
            work.MarkReported(failed.Id, at);
            Assert.Equal(CommitOutcome.Committed, (await committer.CommitAsync(work, CancellationToken.None)).Outcome);
        }

        Assert.Equal(T0.AddMinutes(1), (await Store.GetAsync(failed.Id))!.ReportedAt);
        Assert.Equal(T0.AddMinutes(1), Assert.Single(await Store.ListByCorrelationAsync("ops")).CreatedAt);
        Assert.Empty(await Store.ListUnreportedAsync(T0.AddDays(-7), T0.AddHours(1), 10));
    }
}

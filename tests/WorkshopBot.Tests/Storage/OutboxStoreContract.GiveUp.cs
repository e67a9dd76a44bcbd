using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

public abstract partial class OutboxStoreContract
{
    /// <summary>
    /// A message queued before the cut-off and still not sent is given up: pending, or in flight under a lease that ran out
    /// (its instance died). It is failed, reported as any failure is, and what it said is forgotten at once. One whose send
    /// holds a live lease, one sent (its payload is the pruner's to forget, two days after it was sent) and one queued since
    /// are left as they are.
    /// </summary>
    [Fact]
    public async Task MessagesNotSentLongAfterTheyWereQueuedAreGivenUpAndTheirContentForgotten()
    {
        var expired = await Store.EnqueueAsync(Send("k-expired"));
        Assert.Equal(expired.Id, Assert.Single(await Store.ClaimDueAsync(T0, 1, Lease, "drainer-a")).Id);
        var sending = await Store.EnqueueAsync(Send("k-sending"));
        Assert.Equal(sending.Id, Assert.Single(await Store.ClaimDueAsync(T0, 1, TimeSpan.FromDays(3), "drainer-c")).Id);
        var waiting = await Store.EnqueueAsync(Send("k-waiting") with { NextAttemptAt = T0.AddDays(5) });
        var sent = await Store.EnqueueAsync(Send("k-sent"));
        Assert.Equal(sent.Id, Assert.Single(await Store.ClaimDueAsync(T0, 1, Lease, "drainer-d")).Id);
        Assert.True(await Store.MarkSentAsync(sent.Id, "drainer-d", "1:sent", null, T0));
        var now = T0.AddDays(2).AddMinutes(1);
        var recent = await Store.EnqueueAsync(Send("k-recent") with { CreatedAt = now.AddHours(-1) });

        Assert.Equal(2, await Store.GiveUpUnsentAsync(now.AddDays(-2), now));

        foreach (var id in new[] { expired.Id, waiting.Id })
        {
            var given = (await Store.GetAsync(id))!;
            Assert.Equal(OutboxStatus.Failed, given.Status);
            Assert.Equal(IOutboxStore.ForgottenPayload, given.PayloadJson);
            Assert.Equal(IOutboxStore.GivenUpError, given.LastError);
            Assert.Equal(now, given.CompletedAt);
            Assert.Null(given.LeaseOwner);
        }

        Assert.Equal([expired.Id, waiting.Id], (await Store.ListUnreportedAsync(T0, now.AddSeconds(1), 10)).Select(m => m.Id));
        Assert.Equal(OutboxStatus.InFlight, (await Store.GetAsync(sending.Id))!.Status);
        Assert.True(await Store.MarkSentAsync(sending.Id, "drainer-c", "1:sending", null, now));
        var stillSent = (await Store.GetAsync(sent.Id))!;
        Assert.Equal((OutboxStatus.Sent, sent.PayloadJson, T0), (stillSent.Status, stillSent.PayloadJson, stillSent.CompletedAt));
        Assert.Equal(OutboxStatus.Pending, (await Store.GetAsync(recent.Id))!.Status);
        Assert.Equal(0, await Store.GiveUpUnsentAsync(now.AddDays(-2), now));
        // Nothing given up is claimed again: only the recent message is due.
        Assert.Equal([recent.Id], (await Store.ClaimDueAsync(now.AddDays(10), 10, Lease, "drainer-e")).Select(m => m.Id));
    }
}

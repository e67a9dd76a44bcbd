using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>The updates of one posted card in order: a newer one supersedes an older, and waits for one in flight.</summary>
public abstract partial class OutboxStoreContract
{
    /// <summary>
    /// An update that a newer update of the same card follows (the same posted message, or the same conversation and
    /// activity id) is given up by the holder of its lease: failed as superseded, its payload forgotten, not reported. The
    /// newest of each card, and the updates of other cards, go.
    /// </summary>
    [Fact]
    public async Task AnUpdateANewerUpdateOfTheSameCardFollowsIsGivenUpNotSent()
    {
        var older = await Store.EnqueueAsync(UpdateOf("post-a", "a:rev:1"));
        var newer = await Store.EnqueueAsync(UpdateOf("post-a", "a:rev:2"));
        var otherCard = await Store.EnqueueAsync(UpdateOf("post-b", "b:rev:1"));
        var olderById = await Store.EnqueueAsync(UpdateOfActivity("1:card", "card:rev:1"));
        var newerById = await Store.EnqueueAsync(UpdateOfActivity("1:card", "card:rev:2"));
        var otherActivity = await Store.EnqueueAsync(UpdateOfActivity("1:other", "other:rev:1"));
        Assert.Equal(6, (await Store.ClaimDueAsync(T0, 10, Lease, "drainer-a")).Count);
        var now = T0.AddSeconds(5);

        Assert.Equal(UpdateTurn.Go, await Store.TakeUpdateTurnAsync(older.Id, "drainer-b", now));
        Assert.Equal(OutboxStatus.InFlight, (await Store.GetAsync(older.Id))!.Status);
        var turns = new List<UpdateTurn>();
        foreach (var id in new[] { older.Id, newer.Id, otherCard.Id, olderById.Id, newerById.Id, otherActivity.Id })
        {
            turns.Add(await Store.TakeUpdateTurnAsync(id, "drainer-a", now));
        }

        Assert.Equal([UpdateTurn.Superseded, UpdateTurn.Go, UpdateTurn.Go, UpdateTurn.Superseded, UpdateTurn.Go, UpdateTurn.Go], turns);
        foreach (var id in new[] { older.Id, olderById.Id })
        {
            var given = (await Store.GetAsync(id))!;
            Assert.Equal((OutboxStatus.Failed, IOutboxStore.SupersededError, IOutboxStore.ForgottenPayload),
                (given.Status, given.LastError, given.PayloadJson));
            Assert.Equal((now, now, null), (given.CompletedAt, given.ReportedAt, given.LeaseOwner));
        }

        Assert.Empty(await Store.ListUnreportedAsync(T0, now.AddSeconds(1), 10));
        Assert.All(await Task.WhenAll(new[] { newer.Id, otherCard.Id, newerById.Id, otherActivity.Id }.Select(id => Store.GetAsync(id))),
            m => Assert.Equal((OutboxStatus.InFlight, "drainer-a"), (m!.Status, m.LeaseOwner)));
    }

    /// <summary>
    /// A newer update waits while an older one of the same card is in flight under a live lease (its send may be under way
    /// on another instance); not for one that waits to be retried, nor once the older one is sent or its lease has run out
    /// (then the older one, claimed again, is superseded).
    /// </summary>
    [Fact]
    public async Task ANewerUpdateWaitsForAnOlderOneOfTheSameCardInFlightUnderALiveLease()
    {
        var older = await Store.EnqueueAsync(UpdateOf("post-a", "a:rev:1"));
        Assert.Single(await Store.ClaimByKeysAsync(["a:rev:1"], T0, Lease, "drainer-a"));
        Assert.Equal(UpdateTurn.Go, await Store.TakeUpdateTurnAsync(older.Id, "drainer-a", T0));
        Assert.True(await Store.MarkAttemptStartedAsync(older.Id, "drainer-a", T0, T0.AddMinutes(2)));
        var newer = await Store.EnqueueAsync(UpdateOf("post-a", "a:rev:2"));
        var otherCard = await Store.EnqueueAsync(UpdateOf("post-b", "b:rev:1"));
        Assert.Equal(2, (await Store.ClaimByKeysAsync(["a:rev:2", "b:rev:1"], T0, Lease, "drainer-b")).Count);

        var whileSending = await Store.TakeUpdateTurnAsync(newer.Id, "drainer-b", T0.AddSeconds(10));
        var otherWhileSending = await Store.TakeUpdateTurnAsync(otherCard.Id, "drainer-b", T0.AddSeconds(10));
        var onceLeaseRanOut = await Store.TakeUpdateTurnAsync(newer.Id, "drainer-b", T0.AddMinutes(2));
        Assert.True(await Store.RescheduleAsync(older.Id, "drainer-a", T0.AddSeconds(30), "502", T0.AddSeconds(20)));
        var whileOlderWaits = await Store.TakeUpdateTurnAsync(newer.Id, "drainer-b", T0.AddSeconds(20));

        Assert.Equal((UpdateTurn.Wait, UpdateTurn.Go, UpdateTurn.Go, UpdateTurn.Go),
            (whileSending, otherWhileSending, onceLeaseRanOut, whileOlderWaits));
        Assert.Equal(older.Id, Assert.Single(await Store.ClaimDueAsync(T0.AddSeconds(40), 10, Lease, "drainer-a")).Id);
        Assert.Equal(UpdateTurn.Superseded, await Store.TakeUpdateTurnAsync(older.Id, "drainer-a", T0.AddSeconds(40)));
    }

    /// <summary>Once the older update is sent, the newer goes; a message other than an update is never held or given up.</summary>
    [Fact]
    public async Task ANewerUpdateGoesOnceTheOlderIsSent()
    {
        var older = await Store.EnqueueAsync(UpdateOf("post-a", "a:rev:1"));
        var send = await Store.EnqueueAsync(Send("post-a"));
        Assert.Equal(2, (await Store.ClaimByKeysAsync(["a:rev:1", "post-a"], T0, Lease, "drainer-a")).Count);
        var newer = await Store.EnqueueAsync(UpdateOf("post-a", "a:rev:2"));
        Assert.Single(await Store.ClaimByKeysAsync(["a:rev:2"], T0, Lease, "drainer-b"));

        var beforeSent = await Store.TakeUpdateTurnAsync(newer.Id, "drainer-b", T0);
        Assert.True(await Store.MarkSentAsync(older.Id, "drainer-a", "1:a", null, T0.AddSeconds(1)));
        var afterSent = await Store.TakeUpdateTurnAsync(newer.Id, "drainer-b", T0.AddSeconds(1));
        var sendTurn = await Store.TakeUpdateTurnAsync(send.Id, "drainer-a", T0.AddSeconds(1));

        Assert.Equal((UpdateTurn.Wait, UpdateTurn.Go, UpdateTurn.Go), (beforeSent, afterSent, sendTurn));
        Assert.Equal(OutboxStatus.InFlight, (await Store.GetAsync(send.Id))!.Status);
    }

    private static NewOutboxMessage UpdateOfActivity(string activityId, string dedupeKey) =>
        Send(dedupeKey) with { Kind = OutboxKind.Update, ActivityId = activityId };
}

using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

public abstract partial class OutboxStoreContract
{
    /// <summary>
    /// Cards being taken down: every unsent message that would still post or update them (pending, or in flight under a lease
    /// that ran out) is given up, its payload forgotten and not reported as a failure; the updates that take them down are kept,
    /// unless the card they update is never to be posted. A send under a live lease, a sent message, and the messages of other
    /// cards are left as they are.
    /// </summary>
    [Fact]
    public async Task WithdrawingCardsGivesUpWhatWouldStillPostOrUpdateThem()
    {
        var posted = await Store.EnqueueAsync(Send("post-a"));
        Assert.Equal(posted.Id, Assert.Single(await Store.ClaimDueAsync(T0, 1, Lease, "drainer-a")).Id);
        Assert.True(await Store.MarkSentAsync(posted.Id, "drainer-a", "1:a", null, T0));
        var unposted = await Store.EnqueueAsync(Send("post-b"));
        var other = await Store.EnqueueAsync(Send("post-other"));
        var fileLink = await Store.EnqueueAsync(UpdateOf("post-a", "post-a:file"));
        var expired = await Store.EnqueueAsync(UpdateOf("post-a", "post-a:expired"));
        Assert.Equal(expired.Id, Assert.Single(await Store.ClaimByKeysAsync(["post-a:expired"], T0, Lease, "drainer-b")).Id);
        var sending = await Store.EnqueueAsync(UpdateOf("post-a", "post-a:sending"));
        var sendingClaim = await Store.ClaimByKeysAsync(["post-a:sending"], T0, TimeSpan.FromHours(1), "drainer-c");
        Assert.Equal(sending.Id, Assert.Single(sendingClaim).Id);
        var otherUpdate = await Store.EnqueueAsync(UpdateOf("post-other", "post-other:file"));
        var takeDownA = await Store.EnqueueAsync(UpdateOf("post-a", "post-a:withdrawn"));
        var takeDownB = await Store.EnqueueAsync(UpdateOf("post-b", "post-b:withdrawn"));
        var bUpdate = await Store.EnqueueAsync(UpdateOf("post-b", "post-b:file"));
        var now = T0.AddMinutes(5);

        Assert.Equal(5, await Store.WithdrawUnsentAsync(["post-a", "post-b"], ["post-a:withdrawn", "post-b:withdrawn"], now));

        foreach (var id in new[] { unposted.Id, fileLink.Id, expired.Id, takeDownB.Id, bUpdate.Id })
        {
            var given = (await Store.GetAsync(id))!;
            Assert.Equal(OutboxStatus.Failed, given.Status);
            Assert.Equal(IOutboxStore.ForgottenPayload, given.PayloadJson);
            Assert.Equal(IOutboxStore.WithdrawnError, given.LastError);
            Assert.Equal((now, now), (given.CompletedAt, given.ReportedAt));
            Assert.Null(given.LeaseOwner);
        }

        Assert.Empty(await Store.ListUnreportedAsync(T0, now.AddSeconds(1), 10));
        Assert.Equal(OutboxStatus.Sent, (await Store.GetAsync(posted.Id))!.Status);
        Assert.Equal(OutboxStatus.InFlight, (await Store.GetAsync(sending.Id))!.Status);
        Assert.True(await Store.MarkSentAsync(sending.Id, "drainer-c", "1:a", null, now));
        foreach (var id in new[] { other.Id, otherUpdate.Id, takeDownA.Id })
        {
            var left = (await Store.GetAsync(id))!;
            Assert.Equal(OutboxStatus.Pending, left.Status);
            Assert.NotEqual(IOutboxStore.ForgottenPayload, left.PayloadJson);
        }

        Assert.Equal(0, await Store.WithdrawUnsentAsync(["post-a", "post-b"], ["post-a:withdrawn", "post-b:withdrawn"], now));
        Assert.Equal(0, await Store.WithdrawUnsentAsync([], [], now));
    }

    /// <summary>
    /// A message no longer for its addressee, withdrawn by the instance that leased it before its send started: in the unit of
    /// work that records why, recorded as failed with its payload forgotten, and not reported as a failure. Only under the
    /// lease: a message another instance has taken over, one not yet claimed, or one already sent is left as it is, and the
    /// unit of work is a conflict that stores nothing (not its audit-log line either).
    /// </summary>
    [Fact]
    public async Task AUnitOfWorkWithdrawsALeasedMessageOnlyUnderItsLease()
    {
        var leased = await Store.EnqueueAsync(Send("k-leased"));
        Assert.Single(await Store.ClaimByKeysAsync(["k-leased"], T0, TimeSpan.FromHours(1), "drainer-a"));
        var sent = await Store.EnqueueAsync(Send("k-sent"));
        Assert.Single(await Store.ClaimByKeysAsync(["k-sent"], T0, Lease, "drainer-a"));
        Assert.True(await Store.MarkSentAsync(sent.Id, "drainer-a", "1:a", null, T0));
        var takenOver = await Store.EnqueueAsync(Send("k-taken-over"));
        Assert.Single(await Store.ClaimByKeysAsync(["k-taken-over"], T0, Lease, "drainer-a"));
        var unclaimed = await Store.EnqueueAsync(Send("k-unclaimed") with { NextAttemptAt = T0.AddHours(2) });
        var expired = T0 + Lease + TimeSpan.FromSeconds(1);
        Assert.Equal(takenOver.Id, Assert.Single(await Store.ClaimDueAsync(expired, 10, Lease, "drainer-b")).Id);
        var committer = Storage.Get<IStoreCommitter>();
        var at = T0.AddMinutes(2);

        Assert.Equal(CommitOutcome.Committed, (await committer.CommitAsync(Withdrawal(leased.Id, "drainer-a", at), default)).Outcome);
        foreach (var (id, owner) in new[] { (takenOver.Id, "drainer-a"), (sent.Id, "drainer-a"), (unclaimed.Id, "drainer-a"),
            (leased.Id, "drainer-a") })
        {
            Assert.Equal(CommitOutcome.Conflict, (await committer.CommitAsync(Withdrawal(id, owner, at), default)).Outcome);
        }

        var withdrawn = (await Store.GetAsync(leased.Id))!;
        Assert.Equal((OutboxStatus.Failed, IOutboxStore.NoLongerForError), (withdrawn.Status, withdrawn.LastError));
        Assert.Equal(IOutboxStore.ForgottenPayload, withdrawn.PayloadJson);
        Assert.Equal((at, at), (withdrawn.CompletedAt, withdrawn.ReportedAt));
        Assert.Null(withdrawn.LeaseOwner);
        Assert.Empty(await Store.ListUnreportedAsync(T0, at.AddSeconds(1), 10));
        var other = (await Store.GetAsync(takenOver.Id))!;
        Assert.Equal((OutboxStatus.InFlight, "drainer-b"), (other.Status, other.LeaseOwner));
        Assert.Equal(OutboxStatus.Sent, (await Store.GetAsync(sent.Id))!.Status);
        Assert.Equal(OutboxStatus.Pending, (await Store.GetAsync(unclaimed.Id))!.Status);
        Assert.Single(await Storage.Get<IAuditLog>().ListAsync("outbox-test", "withdrawn"));
    }

    /// <summary>
    /// A take-down Teams accepted leaves no row, but only under its lease; an ordinary message is never deleted that way, and
    /// marking it sent keeps its row (the send path runs one statement, not a delete first).
    /// </summary>
    [Fact]
    public async Task ATakeDownSentIsForgottenUnderItsLeaseOnly()
    {
        var takeDown = await Store.EnqueueAsync(UpdateOf("post-a", IOutboxStore.TakeDownPrefix + "post-a"));
        var ordinary = await Store.EnqueueAsync(Send("post-b"));
        Assert.Equal(2, (await Store.ClaimByKeysAsync([takeDown.DedupeKey, ordinary.DedupeKey], T0, Lease, "drainer-a")).Count);

        Assert.False(await Store.ForgetSentAsync(takeDown.Id, "drainer-b"));
        Assert.False(await Store.ForgetSentAsync(ordinary.Id, "drainer-a"));
        Assert.NotNull(await Store.GetAsync(takeDown.Id));
        Assert.Equal(OutboxStatus.InFlight, (await Store.GetAsync(ordinary.Id))!.Status);

        Assert.True(await Store.ForgetSentAsync(takeDown.Id, "drainer-a"));
        Assert.Null(await Store.GetAsync(takeDown.Id));
        Assert.False(await Store.ForgetSentAsync(takeDown.Id, "drainer-a"));
        Assert.True(await Store.MarkSentAsync(ordinary.Id, "drainer-a", "1:b", null, T0));
        Assert.Equal(OutboxStatus.Sent, (await Store.GetAsync(ordinary.Id))!.Status);
    }

    private static StoreWork Withdrawal(long id, string owner, DateTimeOffset at)
    {
        var work = new StoreWork();
        work.WithdrawLeased(id, owner, at);
        work.Append(new NewAuditEvent(at, "workshopbot", null, "message-withdrawn", "outbox-test", "withdrawn", null, null));
        return work;
    }

    private static NewOutboxMessage UpdateOf(string postedKey, string dedupeKey) =>
        Send(dedupeKey) with { Kind = OutboxKind.Update, UpdateOfKey = postedKey };
}

using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>Leases over a send: extended when the attempt starts, fenced by the owner, and released per run of an instance.</summary>
public abstract partial class OutboxStoreContract
{
    [Fact]
    public async Task MarkingTheAttemptStartedExtendsTheLeaseSoNoOneReclaimsTheMessageDuringItsSend()
    {
        var message = await Store.EnqueueAsync(Send("k-1"));
        await Store.ClaimDueAsync(T0, 10, Lease, "drainer-a");

        Assert.True(await Store.MarkAttemptStartedAsync(message.Id, "drainer-a", T0.AddSeconds(50), T0.AddMinutes(10)));

        Assert.Empty(await Store.ClaimDueAsync(T0.AddMinutes(5), 10, Lease, "drainer-b"));
        var started = (await Store.GetAsync(message.Id))!;
        Assert.Equal((T0.AddSeconds(50), T0.AddMinutes(10), "drainer-a"),
            (started.AttemptStartedAt, started.LeaseUntil, started.LeaseOwner));
        Assert.Equal(message.Id, Assert.Single(await Store.ClaimDueAsync(T0.AddMinutes(10), 10, Lease, "drainer-b")).Id);
    }

    [Fact]
    public async Task AnOwnerWhoseLeaseWasTakenOverCannotStartAnAttempt()
    {
        var message = await Store.EnqueueAsync(Send("k-1"));
        await Store.ClaimDueAsync(T0, 10, Lease, "drainer-a");
        Assert.Single(await Store.ClaimDueAsync(T0.AddMinutes(1), 10, Lease, "drainer-b"));

        var stale = await Store.MarkAttemptStartedAsync(message.Id, "drainer-a", T0.AddMinutes(1), T0.AddMinutes(20));

        Assert.False(stale);
        var current = (await Store.GetAsync(message.Id))!;
        Assert.Equal((null, T0.AddMinutes(2), "drainer-b"), (current.AttemptStartedAt, current.LeaseUntil, current.LeaseOwner));
    }

    [Fact]
    public async Task ReleaseTakesBackOnlyWhatEarlierRunsOfTheSameInstanceHeld()
    {
        var owners = new[] { "web/run-1", "web", "web/run-2", "webby/run-1", "other" };
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var owner in owners)
        {
            ids[owner] = (await Store.EnqueueAsync(Send("k-" + owner))).Id;
            Assert.Single(await Store.ClaimDueAsync(T0, 1, Lease, owner));
        }

        Assert.True(await Store.MarkAttemptStartedAsync(ids["web/run-1"], "web/run-1", T0, T0.AddMinutes(10)));

        var (released, started) = await Store.ReleaseOwnedAsync("web", "web/run-2", T0.AddSeconds(5), T0.AddSeconds(-25));

        Assert.Equal((2, 1), (released, started));
        foreach (var owner in owners)
        {
            var message = (await Store.GetAsync(ids[owner]))!;
            var expected = owner is "web/run-1" or "web" ? (OutboxStatus.Pending, (string?)null) : (OutboxStatus.InFlight, owner);
            Assert.Equal(expected, (message.Status, message.LeaseOwner));
        }
    }
}

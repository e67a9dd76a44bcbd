using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// Runs beating in the store: a release takes back only what dead runs of the instance held (no row, or a stale beat),
/// never what a live run of the same instance id holds; a beat tells the other live runs of its instance id.
/// </summary>
public abstract partial class OutboxStoreContract
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ReleaseLeavesWhatALiveRunOfTheSameInstanceHoldsUntilItsBeatIsStale()
    {
        // run-0 beat long ago (crashed), run-3 never beat (a release before runs beat), run-1 is running.
        Assert.Equal(0, await Store.BeatRunAsync("web", "web/run-0", T0.AddMinutes(-2), T0.AddMinutes(-2) - StaleAfter));
        Assert.Equal(0, await Store.BeatRunAsync("web", "web/run-1", T0, T0 - StaleAfter));
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var owner in new[] { "web/run-0", "web/run-1", "web/run-3" })
        {
            ids[owner] = (await Store.EnqueueAsync(Send("k-" + owner))).Id;
            Assert.Single(await Store.ClaimDueAsync(T0, 1, Lease, owner));
            Assert.True(await Store.MarkAttemptStartedAsync(ids[owner], owner, T0, T0.AddMinutes(10)));
        }

        var now = T0.AddSeconds(5);
        Assert.Equal(0, await Store.BeatRunAsync("web", "web/run-2", now, now - StaleAfter));
        var atStart = await Store.ReleaseOwnedAsync("web", "web/run-2", now, now - StaleAfter);

        Assert.Equal((2, 2), atStart);
        Assert.Equal((OutboxStatus.InFlight, "web/run-1"), await StatusAsync(ids["web/run-1"]));
        Assert.Equal((OutboxStatus.Pending, null), await StatusAsync(ids["web/run-0"]));
        Assert.Equal((OutboxStatus.Pending, null), await StatusAsync(ids["web/run-3"]));

        // Just before run-1's beat goes stale it is still left alone; once it is, it is taken back.
        var fresh = T0 + StaleAfter;
        Assert.Equal((0, 0), await Store.ReleaseOwnedAsync("web", "web/run-2", fresh, fresh - StaleAfter));
        var stale = fresh.AddMilliseconds(1);
        Assert.Equal((1, 1), await Store.ReleaseOwnedAsync("web", "web/run-2", stale, stale - StaleAfter));
        Assert.Equal((OutboxStatus.Pending, null), await StatusAsync(ids["web/run-1"]));
    }

    [Fact]
    public async Task ARunThatEndedIsTakenBackAtOnceAndItsRowForgotten()
    {
        Assert.Equal(0, await Store.BeatRunAsync("web", "web/run-1", T0, T0 - StaleAfter));
        var message = await Store.EnqueueAsync(Send("k-1"));
        Assert.Single(await Store.ClaimDueAsync(T0, 1, Lease, "web/run-1"));

        await Store.EndRunAsync("web/run-1");
        var now = T0.AddSeconds(1);
        Assert.Equal(0, await Store.BeatRunAsync("web", "web/run-2", now, now - StaleAfter));

        Assert.Equal((1, 0), await Store.ReleaseOwnedAsync("web", "web/run-2", now, now - StaleAfter));
        Assert.Equal((OutboxStatus.Pending, null), await StatusAsync(message.Id));
        Assert.Equal(1, await RunRowsAsync());
    }

    [Fact]
    public async Task ABeatCountsTheOtherLiveRunsOfItsInstanceThatBeatSinceItStarted()
    {
        Assert.Equal(0, await Store.BeatRunAsync("web", "web/run-1", T0, T0 - StaleAfter));
        // run-1 has not beaten since run-2 started: it may have crashed just before, so run-2 says nothing yet.
        Assert.Equal(0, await Store.BeatRunAsync("web", "web/run-2", T0.AddSeconds(1), T0.AddSeconds(1) - StaleAfter));
        Assert.Equal(0, await Store.BeatRunAsync("webby", "webby/run-1", T0.AddSeconds(2), T0.AddSeconds(2) - StaleAfter));

        Assert.Equal(1, await Store.BeatRunAsync("web", "web/run-1", T0.AddSeconds(10), T0.AddSeconds(10) - StaleAfter));
        Assert.Equal(1, await Store.BeatRunAsync("web", "web/run-2", T0.AddSeconds(11), T0.AddSeconds(11) - StaleAfter));

        // run-1 stops beating (it died): once its beat is stale, run-2 is alone again, and the stale rows are forgotten.
        var later = T0.AddSeconds(10) + StaleAfter + TimeSpan.FromSeconds(1);
        Assert.Equal(0, await Store.BeatRunAsync("web", "web/run-2", later, later - StaleAfter));
        Assert.Equal(1, await RunRowsAsync());
    }

    private async Task<(OutboxStatus, string?)> StatusAsync(long id)
    {
        var message = (await Store.GetAsync(id))!;
        return (message.Status, message.LeaseOwner);
    }

    private async Task<long> RunRowsAsync() => await Storage.QueryScalarAsync<long>("SELECT COUNT(*) FROM outbox_runs");
}

using WorkshopBot.Conversations;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// <see cref="ActivityGates"/> queues a second delivery of an activity behind the first on this instance, and never makes
/// different activities wait for each other.
/// </summary>
public sealed class ActivityGatesQueueRedeliveries
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ASecondDeliveryOfAnActivityWaitsUntilTheFirstIsDone()
    {
        var gates = new ActivityGates();
        var first = await gates.EnterAsync("a:1", "act-1", CancellationToken.None);

        var second = gates.EnterAsync("a:1", "act-1", CancellationToken.None);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(Patience)).Dispose();

        // Released twice by mistake, the lock still admits one turn at a time.
        first.Dispose();
        using var third = await gates.EnterAsync("a:1", "act-1", CancellationToken.None);
        Assert.False(gates.EnterAsync("a:1", "act-1", CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task ThousandsOfTurnsInFlightNeverWaitForEachOther()
    {
        // A fixed set of 4,096 locks made two of these 10,000 share one in every run; a turn placed inside another turn
        // (a seam in a test) then waited for ever when it met its host's lock.
        var gates = new ActivityGates();
        var entered = Enumerable.Range(0, 10_000)
            .Select(i => gates.EnterAsync("a:" + Guid.NewGuid().ToString("N"), "act-" + i, CancellationToken.None))
            .ToList();

        Assert.Equal(0, entered.Count(t => !t.IsCompleted));
        Assert.Equal(10_000, gates.InFlight);
        foreach (var gate in entered)
        {
            (await gate).Dispose();
        }

        Assert.Equal(0, gates.InFlight);
    }

    [Fact]
    public async Task AWaitingDeliveryCancelledLeavesNothingBehind()
    {
        var gates = new ActivityGates();
        var first = await gates.EnterAsync("a:1", "act-1", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var second = gates.EnterAsync("a:1", "act-1", cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.Equal(1, gates.InFlight);

        first.Dispose();
        Assert.Equal(0, gates.InFlight);
        using var third = await gates.EnterAsync("a:1", "act-1", CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(1, gates.InFlight);
    }
}

using WorkshopBot.Conversations;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// <see cref="ActivityGates"/> queues a second delivery of an activity behind the first on this instance, and seldom
/// makes unrelated activities wait for each other: they hash to one of <see cref="ActivityGates.Stripes"/> locks.
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
    public async Task SixtyFourTurnsInFlightAtOnceSeldomShareALock()
    {
        var gates = new ActivityGates();
        var entered = Enumerable.Range(0, 64)
            .Select(i => gates.EnterAsync("a:" + Guid.NewGuid().ToString("N"), "act-" + i, CancellationToken.None))
            .ToList();

        // With 4,096 locks two of 64 share one about once in two runs; with the 256 the bot had, about eight times a run.
        Assert.True(entered.Count(t => t.IsCompleted) >= 56, $"{entered.Count(t => !t.IsCompleted)} of 64 turns waited");

        foreach (var gate in entered.Where(t => t.IsCompleted).ToList())
        {
            (await gate).Dispose();
        }

        foreach (var gate in entered)
        {
            (await gate.WaitAsync(Patience)).Dispose();
        }
    }
}

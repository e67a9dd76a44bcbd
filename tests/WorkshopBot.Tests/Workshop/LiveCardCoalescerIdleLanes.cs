using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// The coalescer keeps a lane per conversation only while the conversation is busy: once nothing has waited nor been
/// sent there for a few minutes on the injected clock, the lane goes, and a change arriving as it goes is still sent once.
/// </summary>
public sealed class LiveCardCoalescerIdleLanes
{
    private static readonly Guid Workshop = Guid.NewGuid();

    [Fact]
    public async Task ALaneIsRemovedOnlyOnceIdleForItsLifetime()
    {
        var (clock, sender, coalescer) = Create();

        coalescer.MarkChanged("conv-1", Workshop, "p1");
        coalescer.MarkChanged("conv-2", Workshop, "p9");
        await sender.WaitForAsync("conv-1", 1);
        await sender.WaitForAsync("conv-2", 1);
        Assert.Equal(2, coalescer.LaneCount);

        // conv-2 stays busy: a change two minutes in restarts its idle time.
        clock.Advance(TimeSpan.FromMinutes(2));
        coalescer.MarkChanged("conv-2", Workshop, "p9");
        await sender.WaitForAsync("conv-2", 2);
        clock.Advance(LiveCardCoalescer.LaneIdleLifetime - TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.Equal(2, coalescer.LaneCount);

        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => coalescer.LaneCount == 1);
        Assert.Equal(0, coalescer.PendingFor("conv-1"));
        clock.Advance(TimeSpan.FromMinutes(2));
        await WaitUntilAsync(() => coalescer.LaneCount == 0);

        // A conversation whose lane went is served as a new one: its next change goes at once.
        coalescer.MarkChanged("conv-1", Workshop, "p1");
        await sender.WaitForAsync("conv-1", 2);
        Assert.Equal(1, coalescer.LaneCount);
    }

    [Fact]
    public async Task ALaneWithACardWaitingOrBeingSentAtItsIdleTimeIsNotRemoved()
    {
        var (clock, sender, coalescer) = Create();
        using var release = new SemaphoreSlim(0);
        coalescer.MarkChanged("conv-1", Workshop, "p1");
        await sender.WaitForAsync("conv-1", 1);

        // Idle since the first send; a send starts a minute before the idle time is up and is still under way after it.
        clock.Advance(LiveCardCoalescer.LaneIdleLifetime - TimeSpan.FromMinutes(1));
        sender.Hold = release;
        coalescer.MarkChanged("conv-1", Workshop, "p2");
        await WaitUntilAsync(() => sender.Started == 2);
        sender.Hold = null;
        coalescer.MarkChanged("conv-1", Workshop, "p3");
        clock.Advance(TimeSpan.FromMinutes(2));
        await Task.Delay(50);
        Assert.Equal(1, coalescer.LaneCount);
        Assert.Equal(2, coalescer.PendingFor("conv-1"));

        release.Release();
        await sender.WaitForAsync("conv-1", 2);
        clock.Advance(TimeSpan.FromSeconds(1));
        await sender.WaitForAsync("conv-1", 3);
        Assert.Equal(["p1", "p2", "p3"], sender.PollsFor("conv-1"));
        clock.Advance(LiveCardCoalescer.LaneIdleLifetime - TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.Equal(1, coalescer.LaneCount);
        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => coalescer.LaneCount == 0);
    }

    /// <summary>
    /// The lane's removal (the clock reaching its idle time, on a timer thread) and a change on another thread start
    /// together, many times over: whichever wins, the change is sent exactly once, the conversation still has one lane
    /// (the next card waits for its slot), and that lane is removed in its turn. The interleavings are left to the
    /// thread pool, so a round may or may not hit the narrowest one.
    /// </summary>
    [Fact]
    public async Task AChangeRacingTheRemovalIsSentExactlyOnce()
    {
        var (clock, sender, coalescer) = Create();
        for (var round = 0; round < 200; round++)
        {
            var conversation = $"conv-{round}";
            coalescer.MarkChanged(conversation, Workshop, "p1");
            await sender.WaitForAsync(conversation, 1);

            using var start = new Barrier(2);
            var removal = Task.Run(() =>
            {
                start.SignalAndWait();
                clock.Advance(LiveCardCoalescer.LaneIdleLifetime);
            });
            var change = Task.Run(() =>
            {
                start.SignalAndWait();
                coalescer.MarkChanged(conversation, Workshop, "p2");
            });
            await Task.WhenAll(removal, change);

            // A change that read the clock before the jump set its timer one interval on from after it: time moves on.
            clock.Advance(TimeSpan.FromSeconds(1));
            await sender.WaitForAsync(conversation, 2);

            // One lane for the conversation, whichever won: the next card waits for the slot one interval after p2's.
            coalescer.MarkChanged(conversation, Workshop, "p3");
            await Task.Delay(10);
            clock.Advance(TimeSpan.FromSeconds(1));
            await sender.WaitForAsync(conversation, 3);
            var sends = sender.Sends;
            Assert.Equal(("p2", "p3"), (sends[^2].Poll, sends[^1].Poll));
            Assert.True(sends[^1].At - sends[^2].At >= TimeSpan.FromSeconds(1), $"p3 went {sends[^1].At - sends[^2].At} after p2.");
            clock.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(5);
            Assert.Equal(["p1", "p2", "p3"], sender.PollsFor(conversation));
            Assert.Equal(0, coalescer.PendingFor(conversation));
            clock.Advance(LiveCardCoalescer.LaneIdleLifetime);
            await WaitUntilAsync(() => coalescer.LaneCount == 0);
        }

        Assert.Equal(600, sender.Count);
        Assert.Equal(600, coalescer.UpdatesSent);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The coalescer did not reach the expected state.");
    }

    private static (ManualTimeProvider Clock, Sender Sender, LiveCardCoalescer Coalescer) Create()
    {
        var clock = new ManualTimeProvider();
        var sender = new Sender(clock);
        var services = new ServiceCollection().AddSingleton<IPollCardSender>(sender).BuildServiceProvider();
        var coalescer = new LiveCardCoalescer(clock, services.GetRequiredService<IServiceScopeFactory>(), new AlwaysFree(),
            Options.Create(new WorkshopOptions()), NullLogger<LiveCardCoalescer>.Instance);
        coalescer.Sent += sender.Completed;
        return (clock, sender, coalescer);
    }

    /// <summary>Card slots that are always free: the coalescer's own interval is all that spaces the sends.</summary>
    internal sealed class AlwaysFree : ICardSlots
    {
        public Task<CardSlotClaim> ClaimAsync(string conversationId, DateTimeOffset now, TimeSpan interval,
            CancellationToken cancellationToken) => Task.FromResult(new CardSlotClaim(true, now + interval));

        public Task<bool> ClaimedSinceAsync(string conversationId, DateTimeOffset claimedAt, CancellationToken cancellationToken) =>
            Task.FromResult(false);

        public Task<int> ForgetIdleAsync(DateTimeOffset claimedBefore, DateTimeOffset farAhead, CancellationToken cancellationToken) =>
            Task.FromResult(0);
    }

    /// <summary>Records each card sent, and each send the coalescer reports finished, per conversation.</summary>
    private sealed class Sender(TimeProvider clock) : IPollCardSender
    {
        private readonly Lock _gate = new();
        private readonly List<(string Conversation, string Poll)> _completed = [];
        private readonly List<(string Poll, DateTimeOffset At)> _sent = [];
        private int _started;

        /// <summary>When set, each send waits for it before it completes.</summary>
        public SemaphoreSlim? Hold { get; set; }

        public int Started => Volatile.Read(ref _started);

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _sent.Count;
                }
            }
        }

        public async Task SendAsync(Guid workshopId, string pollId, bool afterFailure, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _started);
            var at = clock.GetUtcNow();
            if (Hold is { } hold)
            {
                await hold.WaitAsync(cancellationToken);
            }

            lock (_gate)
            {
                _sent.Add((pollId, at));
            }
        }

        public void Completed(string conversationId, string pollId)
        {
            lock (_gate)
            {
                _completed.Add((conversationId, pollId));
            }
        }

        public IReadOnlyList<string> PollsFor(string conversationId)
        {
            lock (_gate)
            {
                return [.. _completed.Where(c => c.Conversation == conversationId).Select(c => c.Poll)];
            }
        }

        /// <summary>Each card sent, in order, and when its send started by the test's clock.</summary>
        public IReadOnlyList<(string Poll, DateTimeOffset At)> Sends
        {
            get
            {
                lock (_gate)
                {
                    return [.. _sent];
                }
            }
        }

        public async Task WaitForAsync(string conversationId, int count)
        {
            for (var i = 0; i < 1000 && PollsFor(conversationId).Count < count; i++)
            {
                await Task.Delay(5);
            }

            Assert.Equal(count, PollsFor(conversationId).Count);
        }
    }
}

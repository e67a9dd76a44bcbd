using System.Net;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkshopBot.Cards;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Tests.Workshop;

/// <summary>The coalescer on a fake clock: one update at once, the rest in the next one-second slot, per conversation.</summary>
public sealed class LiveCardCoalescerSchedule
{
    private static readonly Guid Workshop = Guid.NewGuid();

    [Fact]
    public async Task ABurstInOneConversationSendsOneUpdateNowAndOneAtTheNextSlot()
    {
        var (clock, sender, coalescer) = Create();

        coalescer.MarkChanged("conv-1", Workshop, "p1");
        await sender.WaitForAsync(1);
        for (var i = 0; i < 100; i++)
        {
            coalescer.MarkChanged("conv-1", Workshop, "p1");
        }

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, sender.Count);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await sender.WaitForAsync(2);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(2, sender.Count);
        Assert.Equal(2, coalescer.UpdatesSent);
    }

    [Fact]
    public async Task ConversationsHaveTheirOwnSlotsAndPollsInOneConversationTakeTurns()
    {
        var (clock, sender, coalescer) = Create();

        coalescer.MarkChanged("conv-1", Workshop, "p1");
        coalescer.MarkChanged("conv-2", Workshop, "p9");
        await sender.WaitForAsync(2);
        coalescer.MarkChanged("conv-1", Workshop, "p2");
        coalescer.MarkChanged("conv-1", Workshop, "p3");
        clock.Advance(TimeSpan.FromSeconds(1));
        await sender.WaitForAsync(3);
        clock.Advance(TimeSpan.FromSeconds(1));
        await sender.WaitForAsync(4);

        var polls = sender.Polls;
        Assert.Equal(["p1", "p9"], polls.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal(["p2", "p3"], polls.Skip(2));
    }

    [Fact]
    public async Task AFailedSendIsRetriedAtTheNextSlot()
    {
        var (clock, sender, coalescer) = Create();
        sender.FailNext = true;

        coalescer.MarkChanged("conv-1", Workshop, "p1");
        await sender.WaitForAsync(0, completions: 1);
        clock.Advance(TimeSpan.FromSeconds(1));
        await sender.WaitForAsync(1, completions: 2);

        Assert.Equal(["p1"], sender.Polls);
    }

    /// <summary>
    /// A card sent again after a failed send tells the sender so: the failed send may have reached Teams after a phase
    /// change's card, so the card drawn again must go even when it shows what that card shows. So it does when a newer change
    /// of the card came during the failed send; the change after that is an ordinary one.
    /// </summary>
    [Fact]
    public async Task ACardSentAgainAfterAFailedSendIsSentAsSuchEvenWhenANewerChangeCameMeanwhile()
    {
        var (clock, sender, coalescer) = Create();
        sender.DuringNextSend = () =>
        {
            coalescer.MarkChanged("conv-1", Workshop, "p1");
            throw new InvalidOperationException("Injected failure.");
        };

        coalescer.MarkChanged("conv-1", Workshop, "p1");
        await sender.WaitForAsync(0, completions: 1);
        Assert.Equal(1, coalescer.PendingFor("conv-1"));
        clock.Advance(TimeSpan.FromSeconds(1));
        await sender.WaitForAsync(1, completions: 2);
        coalescer.MarkChanged("conv-1", Workshop, "p1");
        clock.Advance(TimeSpan.FromSeconds(1));
        await sender.WaitForAsync(2, completions: 3);

        Assert.Equal([true, false], sender.AfterFailures);
    }

    /// <summary>
    /// A card Teams no longer has (404), or a conversation the bot may not write to (403 with a block code), is not
    /// retried every second; the next change tries again.
    /// </summary>
    [Theory]
    [InlineData(HttpStatusCode.NotFound, null)]
    [InlineData(HttpStatusCode.Forbidden, ConnectorException.ConversationBlockedByUser)]
    public async Task AnUpdateTeamsCannotTakeIsNotRetriedUntilTheNextChange(HttpStatusCode status, string? code) =>
        await NotRetriedUntilTheNextChangeAsync(new ConnectorException("Refused.", status, code, null));

    /// <summary>Nor is one for a serviceUrl the bot does not trust: nothing was sent, and every slot would be refused too.</summary>
    [Fact]
    public async Task AnUpdateForAServiceUrlTheBotDoesNotTrustIsNotRetriedUntilTheNextChange() =>
        await NotRetriedUntilTheNextChangeAsync(new ServiceUrlNotAllowedException("connector.example.invalid"));

    private static async Task NotRetriedUntilTheNextChangeAsync(Exception failure)
    {
        var (clock, sender, coalescer) = Create();
        sender.NextFailure = failure;

        coalescer.MarkChanged("conv-1", Workshop, "p1");
        await sender.WaitForAsync(0, completions: 1);
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(0, coalescer.PendingFor("conv-1"));
        Assert.Empty(sender.Polls);
        coalescer.MarkChanged("conv-1", Workshop, "p1");
        clock.Advance(TimeSpan.FromSeconds(1));
        await sender.WaitForAsync(1, completions: 2);
        Assert.Equal(["p1"], sender.Polls);
    }

    /// <summary>
    /// Another instance holds the conversation's slot (it sent 400 ms ago): the change waits until the slot is free and
    /// then goes out, without waiting for a further change.
    /// </summary>
    [Fact]
    public async Task AChangeWaitsOutASlotAnotherInstanceHoldsAndThenGoesOut()
    {
        var slots = new FreeSlots();
        var (clock, sender, coalescer) = Create(slots);
        slots.HeldUntil = clock.GetUtcNow().AddMilliseconds(600);

        coalescer.MarkChanged("conv-1", Workshop, "p1");
        await slots.WaitForClaimsAsync(1);
        clock.Advance(TimeSpan.FromMilliseconds(599));
        Assert.Equal((0, 1), (sender.Count, coalescer.PendingFor("conv-1")));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await sender.WaitForAsync(1);

        Assert.Equal(["p1"], sender.Polls);
        Assert.Equal(2, slots.Claims);
    }

    /// <summary>
    /// A send that outlasted its slot, when another instance claimed the next slot meanwhile, may have landed after that
    /// instance's newer card: the card is drawn and sent again at the next slot, though nothing changed here since.
    /// </summary>
    [Fact]
    public async Task ASendThatOutlastedItsSlotIsSentAgainAtTheNextSlotWhenAnotherInstanceClaimedIt()
    {
        var slots = new FreeSlots { ClaimedSince = true };
        var (clock, sender, coalescer) = Create(slots);
        sender.DuringNextSend = () => clock.Advance(TimeSpan.FromSeconds(1));

        coalescer.MarkChanged("conv-1", Workshop, "p1");
        await sender.WaitForAsync(1);
        Assert.Equal(1, coalescer.PendingFor("conv-1"));
        clock.Advance(TimeSpan.FromSeconds(1));
        await sender.WaitForAsync(2);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["p1", "p1"], sender.Polls);
        Assert.Equal(0, coalescer.PendingFor("conv-1"));
    }

    /// <summary>
    /// Teams is slow (every send outlasts its slot) and no other instance claimed a slot: nothing can have overtaken the
    /// card, so it is not sent again; redrawing it would resend the same card every slot for as long as Teams stays slow.
    /// </summary>
    [Fact]
    public async Task ASendThatOutlastedItsSlotIsNotSentAgainWhenNoOtherClaimFollowed()
    {
        var slots = new FreeSlots();
        var (clock, sender, coalescer) = Create(slots);
        sender.DuringNextSend = () => clock.Advance(TimeSpan.FromSeconds(2));

        coalescer.MarkChanged("conv-1", Workshop, "p1");
        await sender.WaitForAsync(1, completions: 1);
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        await Task.Delay(200);
        Assert.Equal(["p1"], sender.Polls);
        Assert.Equal((1, 1, 0), (slots.Claims, slots.ClaimedSinceChecks, coalescer.PendingFor("conv-1")));
    }

    /// <summary>
    /// A large group's change went out once quiet, but its send failed (or outlasted its slot with another instance's claim
    /// after it), and votes then came again through another instance: the retry, or the card drawn again, waits for quiet
    /// too, or the shared card, and with it everyone's ballot, is replaced while people vote.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ALargeGroupsCardSentAgainAfterAFailedOrOvertakenSendStillWaitsForQuietEverywhere(bool overtaken)
    {
        var slots = new FreeSlots { ClaimedSince = overtaken };
        var (proxy, store) = LastChangedStore.CreatePair();
        var (clock, sender, coalescer) = Create(slots, proxy);
        if (overtaken)
        {
            sender.DuringNextSend = () => clock.Advance(TimeSpan.FromSeconds(1));
        }
        else
        {
            sender.FailNext = true;
        }

        store.LastChanged = clock.GetUtcNow();
        coalescer.MarkChanged("conv-1", Workshop, "p1", waitForQuiet: true);
        clock.Advance(TimeSpan.FromSeconds(1));
        await sender.WaitForAsync(overtaken ? 1 : 0, completions: 1);
        Assert.Equal(1, coalescer.PendingFor("conv-1"));

        // Votes come again through another instance half a second later, and at the next slot the last was just now.
        store.LastChanged = clock.GetUtcNow().AddMilliseconds(500);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await Task.Delay(200);
        Assert.Equal(overtaken ? 1 : 0, sender.Count);

        clock.Advance(TimeSpan.FromMilliseconds(500));
        await sender.WaitForAsync(overtaken ? 2 : 1, completions: 2);
        Assert.Equal(0, coalescer.PendingFor("conv-1"));
    }

    /// <summary>
    /// Disposed (the host stopping) while a send is under way: the send that outlasted its slot, or failed, is not
    /// retried, and no timer is set again, so nothing keeps claiming slots or sending for a host that has gone.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DisposedDuringASendItSetsNoTimerAndSendsNothingMore(bool fails)
    {
        var (clock, sender, coalescer) = Create();
        var timersAtDispose = -1;
        sender.DuringNextSend = () =>
        {
            coalescer.Dispose();
            timersAtDispose = clock.RequestedDelays.Count;
            clock.Advance(TimeSpan.FromSeconds(1));
            if (fails)
            {
                throw new InvalidOperationException("Injected failure.");
            }
        };

        coalescer.MarkChanged("conv-1", Workshop, "p1");
        await sender.WaitForAsync(fails ? 0 : 1, completions: 1);
        Assert.Equal(timersAtDispose, clock.RequestedDelays.Count);
        coalescer.MarkChanged("conv-1", Workshop, "p2");
        Assert.Equal(timersAtDispose, clock.RequestedDelays.Count);
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        await Task.Delay(200);
        Assert.Equal(fails ? [] : ["p1"], sender.Polls);
        Assert.Equal(0, coalescer.PendingFor("conv-1"));
    }

    private static (ManualTimeProvider Clock, RecordingSender Sender, LiveCardCoalescer Coalescer) Create(FreeSlots? slots = null,
        IWorkshopVoteStore? store = null)
    {
        var clock = new ManualTimeProvider();
        var sender = new RecordingSender();
        var collection = new ServiceCollection().AddSingleton<IPollCardSender>(sender);
        if (store is not null)
        {
            collection.AddSingleton(store);
        }

        var services = collection.BuildServiceProvider();
        var coalescer = new LiveCardCoalescer(clock, services.GetRequiredService<IServiceScopeFactory>(), slots ?? new FreeSlots(),
            Options.Create(new WorkshopOptions()), NullLogger<LiveCardCoalescer>.Instance);
        coalescer.Sent += (_, _) => sender.Completed();
        return (clock, sender, coalescer);
    }

    /// <summary>
    /// The shared slots as one instance alone sees them: every claim succeeds (the pacing is the coalescer's own), unless
    /// the test says another instance holds the slot until <see cref="HeldUntil"/>.
    /// </summary>
    private sealed class FreeSlots : ICardSlots
    {
        private readonly SemaphoreSlim _claimed = new(0);
        private int _claims;
        private int _checks;

        public DateTimeOffset HeldUntil { get; set; }

        public int Claims => Volatile.Read(ref _claims);

        public Task<CardSlotClaim> ClaimAsync(string conversationId, DateTimeOffset now, TimeSpan interval,
            CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _claims);
            _claimed.Release();
            return Task.FromResult(now < HeldUntil ? new CardSlotClaim(false, HeldUntil) : new CardSlotClaim(true, now + interval));
        }

        /// <summary>What <see cref="ClaimedSinceAsync"/> answers: whether another instance claimed a slot after this one's.</summary>
        public bool ClaimedSince { get; init; }

        public int ClaimedSinceChecks => Volatile.Read(ref _checks);

        public Task<bool> ClaimedSinceAsync(string conversationId, DateTimeOffset claimedAt, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _checks);
            return Task.FromResult(ClaimedSince);
        }

        public Task<int> ForgetIdleAsync(DateTimeOffset claimedBefore, DateTimeOffset farAhead, CancellationToken cancellationToken) =>
            Task.FromResult(0);

        public async Task WaitForClaimsAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True(await _claimed.WaitAsync(TimeSpan.FromSeconds(10)), "The coalescer did not claim a slot.");
            }
        }
    }

    /// <summary>
    /// The vote store as the coalescer's quiet check sees it: when the poll last changed on any instance
    /// (<see cref="LastChanged"/>); nothing else is asked of it.
    /// </summary>
    public class LastChangedStore : DispatchProxy
    {
        private long _lastChanged;

        public DateTimeOffset LastChanged
        {
            get => new(Interlocked.Read(ref _lastChanged), TimeSpan.Zero);
            set => Interlocked.Exchange(ref _lastChanged, value.UtcTicks);
        }

        public static (IWorkshopVoteStore Store, LastChangedStore Control) CreatePair()
        {
            var store = Create<IWorkshopVoteStore, LastChangedStore>();
            return (store, (LastChangedStore)(object)store);
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(IWorkshopVoteStore.LastChangedAsync)
                ? Task.FromResult<DateTimeOffset?>(LastChanged)
                : throw new NotSupportedException(targetMethod?.Name);
    }

    private sealed class RecordingSender : IPollCardSender
    {
        private readonly Lock _gate = new();
        private readonly List<string> _polls = [];
        private readonly List<bool> _afterFailures = [];
        private readonly SemaphoreSlim _completions = new(0);
        private int _seen;

        public bool FailNext { get; set; }

        public Exception? NextFailure { get; set; }

        /// <summary>Runs inside the next send (a slow send: the clock moves while it is under way).</summary>
        public Action? DuringNextSend { get; set; }

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _polls.Count;
                }
            }
        }

        /// <summary>Whether each card sent was sent again after a failed send.</summary>
        public IReadOnlyList<bool> AfterFailures
        {
            get
            {
                lock (_gate)
                {
                    return [.. _afterFailures];
                }
            }
        }

        public IReadOnlyList<string> Polls
        {
            get
            {
                lock (_gate)
                {
                    return [.. _polls];
                }
            }
        }

        public Task SendAsync(Guid workshopId, string pollId, bool afterFailure, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("Injected failure.");
            }

            if (NextFailure is { } failure)
            {
                NextFailure = null;
                throw failure;
            }

            if (DuringNextSend is { } during)
            {
                DuringNextSend = null;
                during();
            }

            lock (_gate)
            {
                _polls.Add(pollId);
                _afterFailures.Add(afterFailure);
            }

            return Task.CompletedTask;
        }

        public void Completed() => _completions.Release();

        /// <summary>
        /// Waits until the coalescer has finished this many more sends (successful or failed); bounded so a bug fails rather than hangs.
        /// </summary>
        public async Task WaitForAsync(int count, int? completions = null)
        {
            for (var i = _seen; i < (completions ?? count); i++)
            {
                Assert.True(await _completions.WaitAsync(TimeSpan.FromSeconds(60)), "The coalescer did not send.");
                _seen++;
            }

            Assert.True(Count >= count, $"Expected {count} sends, saw {Count}.");
        }
    }
}

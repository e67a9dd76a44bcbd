using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// A live update drawn while the poll was open can reach Teams after the card a close queued: the closed card must not
/// stay replaced by the open one. The live update's request to Teams is held while the chair closes the poll and the
/// outbox sends the closed card; then it goes on. Nor may the card put back overwrite a newer phase (a reopen straight
/// after the close), nor may a send recorded as failed that reached Teams all the same leave the wrong card.
/// </summary>
public sealed class OvertakenLiveCards
{
    [Fact]
    public async Task AClosedPollsCardOvertakenByALiveUpdateDrawnBeforeTheCloseIsPutBack()
    {
        var held = new HeldUpdate();
        await using var s = await WorkshopScenario.CreateAsync(o => o.Services = services =>
        {
            services.AddSingleton(held);
            services.AddHttpClient<IConnectorClient, ConnectorClient>().AddHttpMessageHandler(() => new HoldingHandler(held));
        });
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Single, "Best next step?",
            Choices: "Training\nAudit again"));
        await s.PhaseAsync(poll, PhaseActions.Open);
        await s.ChooseAsync(rep, poll, "c1");
        await s.Host.DrainOutboxAsync();

        // The next update of the card waits, as a slow network would make it, while the poll is closed and its closed
        // card is sent.
        held.Before = async () =>
        {
            await s.PhaseAsync(poll, PhaseActions.Close);
            await s.Host.DrainOutboxAsync();
        };
        await SendLiveUpdateAsync(s, poll);

        Assert.Null(held.Before);
        var updates = s.UpdatesOf((await s.SessionAsync()).FindPoll(poll.Id)!);
        Assert.Contains(updates, u => u.AllText.Contains("Closed", StringComparison.Ordinal));
        Assert.Contains("Closed", updates[^1].AllText, StringComparison.Ordinal);
    }

    /// <summary>
    /// The chair reopens voting within one round trip of the close: the reopened card reaches Teams while the closed card
    /// is being put back. The card must end open, as the poll is, without waiting for a vote to draw it again.
    /// </summary>
    [Fact]
    public async Task AReopenStraightAfterTheCloseIsNotOverwrittenByTheClosedCardPutBack()
    {
        var (s, held, _, _, poll) = await OpenPollAsync();
        await using var scenario = s;

        // The live update waits while the chair closes voting; the put-back of the closed card then waits while the chair
        // reopens it and the reopened card is sent.
        held.Before = async () =>
        {
            await s.PhaseAsync(poll, PhaseActions.Close);
            await s.Host.DrainOutboxAsync();
            held.Before = async () =>
            {
                Assert.Equal(HttpStatusCode.OK, (await s.PhaseAsync(poll, PhaseActions.Reopen)).Status);
                await s.Host.DrainOutboxAsync();
            };
        };
        await SendLiveUpdateAsync(s, poll);

        Assert.Null(held.Before);
        Assert.Equal(PollPhase.Voting, (await s.SessionAsync()).FindPoll(poll.Id)!.Phase);
        var updates = s.UpdatesOf(poll);
        var seen = Seen(updates);
        Assert.True(updates.Count(IsClosed) >= 2, $"the closed card was not put back before the reopen landed: {seen}");
        Assert.False(IsClosed(updates[^1]), $"the card shows the poll closed while voting is open again: {seen}");
        Assert.Contains("Voting open · 1 of 1 participant voted", updates[^1].AllText, StringComparison.Ordinal);
    }

    /// <summary>
    /// The closed card reached Teams, but Teams answered 500 (as a gateway may after the update was applied): the outbox
    /// records it as failed and never sends it again. A live update drawn before the close then lands after it: the closed
    /// card is put back all the same.
    /// </summary>
    [Fact]
    public async Task AClosedCardRecordedAsFailedThatReachedTeamsIsPutBackAfterAnOvertakingLiveUpdate()
    {
        var (s, held, _, _, poll) = await OpenPollAsync();
        await using var scenario = s;
        held.Before = async () =>
        {
            await s.PhaseAsync(poll, PhaseActions.Close);
            held.FailNext = true;
            await s.Host.DrainOutboxAsync();
        };
        await SendLiveUpdateAsync(s, poll);

        Assert.Null(held.Before);
        Assert.False(held.FailNext);
        var closing = (await DurableUpdatesAsync(s, poll))[^1];
        Assert.Contains("Closed · ", closing.PayloadJson, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Failed, closing.Status);
        var updates = s.UpdatesOf(poll);
        Assert.True(IsClosed(updates[^1]), $"the closed card recorded as failed was not put back: {Seen(updates)}");
        Assert.Contains("Closed · 1 person voted", updates[^1].AllText, StringComparison.Ordinal);
    }

    /// <summary>
    /// A live update drawn before the close reaches Teams after the closed card, but its own send is recorded as failed
    /// (Teams answered 500 after applying it), so its put-back check never ran. The coalescer sends the card again at the
    /// next slot: drawn now, it is the closed card the outbox already sent, and it must go all the same.
    /// </summary>
    [Fact]
    public async Task ALiveUpdateRecordedAsFailedThatLandedAfterTheClosedCardIsFollowedByTheClosedCard()
    {
        var (s, held, clock, rep, poll) = await OpenPollAsync();
        await using var scenario = s;
        var coalescer = s.Host.Get<LiveCardCoalescer>();
        var attempts = 0;
        coalescer.Sent += (_, _) => Interlocked.Increment(ref attempts);
        held.Before = async () =>
        {
            await s.PhaseAsync(poll, PhaseActions.Close);
            await s.Host.DrainOutboxAsync();
            held.FailNext = true;
        };

        await s.ChooseAsync(rep, poll, "c2");
        await WorkshopScenario.WaitForAsync(() => Volatile.Read(ref attempts) >= 1 && coalescer.PendingFor(s.Channel.Id) == 1);
        Assert.Null(held.Before);
        Assert.False(held.FailNext);
        Assert.Equal(1, coalescer.PendingFor(s.Channel.Id));
        var updates = s.UpdatesOf(poll);
        Assert.False(IsClosed(updates[^1]), $"the live update should have landed after the closed card: {Seen(updates)}");
        await s.LetCardUpdatesOutAsync(clock);
        await WorkshopScenario.WaitForAsync(() => Volatile.Read(ref attempts) >= 2 && coalescer.PendingFor(s.Channel.Id) == 0);

        updates = s.UpdatesOf(poll);
        Assert.Equal(OutboxStatus.Sent, (await DurableUpdatesAsync(s, poll))[^1].Status);
        Assert.True(IsClosed(updates[^1]), $"the open card that landed last was not followed by the closed one: {Seen(updates)}");
        Assert.Contains("Closed · 1 person voted", updates[^1].AllText, StringComparison.Ordinal);
    }

    /// <summary>
    /// The chair closes and reopens voting twice, each press landing while the card before it is being put back: after
    /// three put-backs the live update leaves the rest to the coalescer, whose next slot draws the card as it now stands.
    /// </summary>
    [Fact]
    public async Task APhaseThatKeepsChangingDuringPutBacksEndsWithTheCardAsThePollNowStands()
    {
        var (s, held, clock, rep, poll) = await OpenPollAsync();
        await using var scenario = s;
        var coalescer = s.Host.Get<LiveCardCoalescer>();
        var attempts = 0;
        coalescer.Sent += (_, _) => Interlocked.Increment(ref attempts);
        string[] presses = [PhaseActions.Close, PhaseActions.Reopen, PhaseActions.Close, PhaseActions.Reopen];
        // A second between presses, by the clock Teams' write limits are counted on (eight in two seconds).
        Func<Task>? Press(int i) => i == presses.Length ? null : async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.OK, (await s.PhaseAsync(poll, presses[i])).Status);
            await s.Host.DrainOutboxAsync();
            held.Before = Press(i + 1);
        };
        held.Before = Press(0);

        await s.ChooseAsync(rep, poll, "c2");
        await WorkshopScenario.WaitForAsync(() => Volatile.Read(ref attempts) >= 1 && coalescer.PendingFor(s.Channel.Id) == 1);
        Assert.Null(held.Before);
        Assert.Equal(1, coalescer.PendingFor(s.Channel.Id));
        await s.LetCardUpdatesOutAsync(clock);
        await WorkshopScenario.WaitForAsync(() => Volatile.Read(ref attempts) >= 2 && coalescer.PendingFor(s.Channel.Id) == 0);

        Assert.Equal(PollPhase.Voting, (await s.SessionAsync()).FindPoll(poll.Id)!.Phase);
        var updates = s.UpdatesOf(poll);
        Assert.False(IsClosed(updates[^1]), $"the card shows the poll closed while voting is open again: {Seen(updates)}");
        Assert.Contains("Voting open · 1 of 1 participant voted", updates[^1].AllText, StringComparison.Ordinal);
    }

    /// <summary>A single-choice poll open for voting, one vote cast and every card update out, on a manual clock.</summary>
    private static async Task<(WorkshopScenario S, HeldUpdate Held, ManualTimeProvider Clock, TestUser Rep, Poll Poll)> OpenPollAsync()
    {
        var held = new HeldUpdate();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Services = services =>
                services.AddHttpClient<IConnectorClient, ConnectorClient>().AddHttpMessageHandler(() => new HoldingHandler(held));
        });
        s.Host.Connector.LimitClock = clock;
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Single, "Best next step?",
            Choices: "Training\nAudit again"));
        await s.PhaseAsync(poll, PhaseActions.Open);
        await s.Host.DrainOutboxAsync();
        await s.LetCardUpdatesOutAsync(clock);
        clock.Advance(TimeSpan.FromSeconds(1));
        var coalescer = s.Host.Get<LiveCardCoalescer>();
        var sent = coalescer.UpdatesSent;
        await s.ChooseAsync(rep, poll, "c1");
        await WorkshopScenario.WaitForAsync(() => coalescer.UpdatesSent > sent && coalescer.PendingFor(s.Channel.Id) == 0);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, coalescer.PendingFor(s.Channel.Id));
        return (s, held, clock, rep, (await s.SessionAsync()).FindPoll(poll.Id)!);
    }

    private static async Task SendLiveUpdateAsync(WorkshopScenario s, Poll poll)
    {
        await using var scope = s.Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPollCardSender>().SendAsync(s.WorkshopId, poll.Id, false, default);
    }

    private static async Task<IReadOnlyList<OutboxMessage>> DurableUpdatesAsync(WorkshopScenario s, Poll poll) =>
        await s.Host.Get<IOutboxStore>().ListByCorrelationAsync(PollCardPublisher.DurableCorrelation(poll.Id));

    private static bool IsClosed(SentActivity update) => update.AllText.Contains("Closed · ", StringComparison.Ordinal);

    private static string Seen(IEnumerable<SentActivity> updates) =>
        string.Join("; ", updates.Select(u => IsClosed(u) ? "closed" : "open"));

    /// <summary>
    /// What to do before the next card update goes to Teams (once), and whether Teams' answer to the next one is to be
    /// replaced by a 500 once Teams has applied it (once).
    /// </summary>
    private sealed class HeldUpdate
    {
        private Func<Task>? _before;
        private int _failNext;

        public Func<Task>? Before
        {
            get => Volatile.Read(ref _before);
            set => Volatile.Write(ref _before, value);
        }

        public bool FailNext
        {
            get => Volatile.Read(ref _failNext) == 1;
            set => Volatile.Write(ref _failNext, value ? 1 : 0);
        }

        public Func<Task>? Take() => Interlocked.Exchange(ref _before, null);

        public bool TakeFailure() => Interlocked.Exchange(ref _failNext, 0) == 1;
    }

    private sealed class HoldingHandler(HeldUpdate held) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var put = request.Method == HttpMethod.Put;
            if (put && held.Take() is { } before)
            {
                await before();
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (put && response.IsSuccessStatusCode && held.TakeFailure())
            {
                // Teams applied the update; the answer that comes back says it failed.
                response.Dispose();
                return new HttpResponseMessage(HttpStatusCode.InternalServerError) { RequestMessage = request };
            }

            return response;
        }
    }
}

using WorkshopBot.Cards;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Protocol;

public sealed class ConversationRateLimiterAcquire
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task BurstOfThirtyNeverExceedsAnyTeamsWindow()
    {
        var limiter = new ConversationRateLimiter(_time, TimeSpan.Zero);

        var grants = await AcquireAll(limiter, "19:c@thread.tacv2", 30);

        AssertWithinWindows(grants, ConversationRateLimiter.TeamsWindows);
        Assert.All(grants.Take(7), g => Assert.Equal(TimeSpan.Zero, g));
        Assert.Equal(TimeSpan.FromSeconds(1), grants[7]);
        Assert.Equal(TimeSpan.FromSeconds(2), grants[8]);
    }

    [Fact]
    public async Task SpreadsBeyondSixtyOverThirtySeconds()
    {
        var limiter = new ConversationRateLimiter(_time, TimeSpan.Zero);

        var grants = await AcquireAll(limiter, "a:1", 130);

        AssertWithinWindows(grants, ConversationRateLimiter.TeamsWindows);
        Assert.True(grants[60] >= grants[0] + TimeSpan.FromSeconds(30));
        Assert.True(grants[120] >= grants[60] + TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task AppliesSafetyMarginToEveryWindow()
    {
        var limiter = new ConversationRateLimiter(_time, TimeSpan.FromMilliseconds(100));

        var grants = await AcquireAll(limiter, "a:1", 9);

        Assert.Equal(TimeSpan.FromMilliseconds(1100), grants[7]);
        Assert.Equal(TimeSpan.FromMilliseconds(2100), grants[8]);
    }

    [Fact]
    public async Task CountsASettledPermitFromWhenTheServerAnswered()
    {
        // Two a second. Both requests were slow to arrive (answered 0.4 s after their slot): the server counted them
        // then, so the third may go only a second after that, not a second after the slots.
        var limiter = new KeyedSlidingWindowLimiter([new RateWindow(2, TimeSpan.FromSeconds(1))], TimeSpan.Zero, _time);
        var first = await limiter.ReserveAsync("a:1", TimeSpan.MaxValue, default);
        var second = await limiter.ReserveAsync("a:1", TimeSpan.MaxValue, default);
        _time.Advance(TimeSpan.FromMilliseconds(400));
        limiter.Settle(first);
        limiter.Settle(second);

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(1), limiter.FreeAt("a:1"));
    }

    /// <summary>
    /// Two a second. The first two permits are sent at once and the third's slot, a second on, assumed they arrived then.
    /// Teams counts a request when it arrives, which may be as late as its answer: with both unanswered when the slot comes,
    /// the third waits; answered at 1 s, they may have arrived then, so it goes a second after that.
    /// </summary>
    [Fact]
    public async Task APermitWhoseSlotNeedsEarlierPermitsWaitsForTheirAnswers()
    {
        var limiter = new KeyedSlidingWindowLimiter([new RateWindow(2, TimeSpan.FromSeconds(1))], TimeSpan.Zero, _time);
        var first = await limiter.ReserveAsync("a:1", TimeSpan.MaxValue, default);
        var second = await limiter.ReserveAsync("a:1", TimeSpan.MaxValue, default);
        var third = limiter.ReserveAsync("a:1", TimeSpan.MaxValue, default).AsTask();

        _time.Advance(TimeSpan.FromSeconds(1));
        var atItsSlot = await Task.WhenAny(third, Task.Delay(300)) == third;
        limiter.Settle(first);
        limiter.Settle(second);
        var afterTheAnswers = await Task.WhenAny(third, Task.Delay(300)) == third;
        _time.Advance(TimeSpan.FromSeconds(1));
        var granted = await third.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(atItsSlot, "Sent at its slot while the two before it were unanswered.");
        Assert.False(afterTheAnswers, "Sent less than a second after the answers of the two before it.");
        Assert.Equal(TimeSpan.FromSeconds(2), granted.Waited);
    }

    /// <summary>A permit waiting for an earlier answer past its longest wait is given up: nothing sent, and it holds no one.</summary>
    [Fact]
    public async Task APermitStillWaitingForAnAnswerAtItsLongestWaitIsGivenUp()
    {
        var limiter = new KeyedSlidingWindowLimiter([new RateWindow(1, TimeSpan.FromSeconds(1))], TimeSpan.Zero, _time);
        var first = await limiter.ReserveAsync("a:1", TimeSpan.MaxValue, default);
        var second = limiter.ReserveAsync("a:1", TimeSpan.FromSeconds(2), default).AsTask();

        _time.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<RateLimitedException>(() => second.WaitAsync(TimeSpan.FromSeconds(30)));
        limiter.Settle(first);

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(1), limiter.FreeAt("a:1"));
    }

    [Fact]
    public async Task SettlingAnUnknownOrEarlierPermitChangesNothing()
    {
        var limiter = new KeyedSlidingWindowLimiter([new RateWindow(2, TimeSpan.FromSeconds(1))], TimeSpan.Zero, _time);
        var start = _time.GetUtcNow();
        var first = await limiter.ReserveAsync("a:1", TimeSpan.MaxValue, default);
        await limiter.ReserveAsync("a:1", TimeSpan.MaxValue, default);
        limiter.Settle(first with { SlotTicks = first.SlotTicks - 1 });
        limiter.Settle(new RateGrant("a:2", first.SlotTicks, TimeSpan.Zero));
        limiter.Settle(first);

        Assert.Equal(start + TimeSpan.FromSeconds(1), limiter.FreeAt("a:1"));
    }

    [Fact]
    public async Task APermitSharingItsSlotWithAnOpenOneStillWaitsForTheEarlierAnswers()
    {
        // Two a second. The first permit is still on its way when the next two are taken a second later: both fit at that
        // instant, so they share a slot. The second of them has the first, still unanswered, in its window and must wait
        // for its answer; matched by slot alone, it took its twin's place and went at once (the server could then count
        // three in one second, and answer 429).
        var limiter = new KeyedSlidingWindowLimiter([new RateWindow(2, TimeSpan.FromSeconds(1))], TimeSpan.Zero, _time);
        var slow = await limiter.ReserveAsync("a:1", TimeSpan.MaxValue, default);
        _time.Advance(TimeSpan.FromSeconds(1));
        var twin = await limiter.ReserveAsync("a:1", TimeSpan.MaxValue, default);
        var last = limiter.ReserveAsync("a:1", TimeSpan.MaxValue, default).AsTask();

        Assert.False(last.IsCompleted);
        limiter.Settle(slow);
        limiter.Settle(twin);
        Assert.False(last.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        var granted = await last.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(twin.SlotTicks, granted.SlotTicks);
        Assert.NotEqual(twin.Number, granted.Number);
        Assert.Equal(TimeSpan.FromSeconds(1), granted.Waited);
    }

    [Fact]
    public async Task KeepsConversationsIndependent()
    {
        var limiter = new ConversationRateLimiter(_time, TimeSpan.Zero);

        var first = await AcquireAll(limiter, "a:1", 7);
        var second = await AcquireAll(limiter, "a:2", 7);

        Assert.All(first.Concat(second), g => Assert.Equal(TimeSpan.Zero, g));
    }

    [Fact]
    public async Task FreesSlotsAsWindowSlides()
    {
        var limiter = new ConversationRateLimiter(_time, TimeSpan.Zero);
        await AcquireAll(limiter, "a:1", 7);

        _time.Advance(TimeSpan.FromSeconds(3));
        var next = await limiter.AcquireAsync("a:1", CancellationToken.None);

        Assert.Equal(TimeSpan.Zero, next);
    }

    [Fact]
    public async Task ForgetsIdleConversations()
    {
        var limiter = new ConversationRateLimiter(_time, TimeSpan.Zero);
        for (var i = 0; i < 50; i++)
        {
            await limiter.AcquireAsync($"a:{i}", CancellationToken.None);
        }

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await limiter.AcquireAsync("a:fresh", CancellationToken.None);

        Assert.Equal(1, limiter.TrackedKeys);
    }

    [Fact]
    public async Task WaitCanBeCancelled()
    {
        var limiter = new ConversationRateLimiter(_time, TimeSpan.Zero);
        for (var i = 0; i < 7; i++)
        {
            await limiter.AcquireAsync("a:1", CancellationToken.None);
        }

        using var cts = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync("a:1", cts.Token).AsTask();
        Assert.False(waiting.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task TenantLimiterAllowsConfiguredRatePerSecond()
    {
        var limiter = new TenantRateLimiter(_time, requestsPerSecond: 50, safetyMargin: TimeSpan.Zero);

        var grants = await AcquireAll(limiter, "tenant-1", 51);

        Assert.All(grants.Take(50), g => Assert.Equal(TimeSpan.Zero, g));
        Assert.Equal(TimeSpan.FromSeconds(1), grants[50]);
    }

    [Fact]
    public void RejectsEmptyWindowList()
    {
        Assert.Throws<ArgumentException>(() => new KeyedSlidingWindowLimiter([], TimeSpan.Zero, _time));
    }

    /// <summary>Starts every acquisition at the same instant, then lets virtual time run until all are granted.</summary>
    private async Task<List<TimeSpan>> AcquireAll(KeyedSlidingWindowLimiter limiter, string key, int count)
    {
        var pending = Enumerable.Range(0, count).Select(_ => limiter.AcquireAsync(key, CancellationToken.None).AsTask()).ToList();
        _time.Advance(TimeSpan.FromHours(3));
        return [.. await Task.WhenAll(pending)];
    }

    /// <summary>Grants are offsets from one start instant; every window (t - W, t] may hold at most its limit.</summary>
    private static void AssertWithinWindows(List<TimeSpan> grants, IEnumerable<RateWindow> windows)
    {
        foreach (var window in windows)
        {
            foreach (var end in grants)
            {
                var inWindow = grants.Count(g => g > end - window.Window && g <= end);
                Assert.True(inWindow <= window.Limit,
                    $"{inWindow} grants in the {window.Window} window ending at {end} (limit {window.Limit}).");
            }
        }
    }
}

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

using WorkshopBot.Common.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// The pause before a unit of work runs again after a conflict: none after the first conflict, then a random pause within
/// a bound that doubles (up to 8, 16, 32 ms), on the pause's own clock, never the bot's.
/// </summary>
public sealed class ConflictPauses
{
    [Fact]
    public void TheFirstConflictIsRunAgainAtOnce() => Assert.Equal(TimeSpan.Zero, ConflictPause.After(1));

    [Theory]
    [InlineData(2, 8)]
    [InlineData(3, 16)]
    [InlineData(4, 32)]
    public void LaterConflictsPauseARandomPartOfABoundThatDoubles(int attempt, int boundMs)
    {
        var pauses = Enumerable.Range(0, 400).Select(_ => ConflictPause.After(attempt)).ToList();
        Assert.All(pauses, p => Assert.InRange(p, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(boundMs)));
        Assert.True(pauses.Distinct().Count() > 10, "the pauses are spread, not one fixed value");
        Assert.Contains(pauses, p => p > TimeSpan.FromMilliseconds(boundMs / 2.0));
    }

    [Fact]
    public async Task APauseWaitsOnItsOwnClock()
    {
        var clock = new ManualTimeProvider();
        var pause = new ConflictPause(clock);
        Assert.True(pause.WaitAfterAsync(1, CancellationToken.None).IsCompleted);
        var waiting = pause.WaitAfterAsync(2, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(8));
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(waiting.IsCompletedSuccessfully);
    }
}

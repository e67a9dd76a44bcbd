using WorkshopBot.Common;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// The loop every feature's periodic job runs in (<see cref="JobLoop"/>): a failed pass, whatever failed, is reported and
/// the job waits for its interval before trying again (it never spins on a failing store, and never ends unseen), and a
/// host that stops ends it quietly.
/// </summary>
public sealed class JobLoopPausesAfterEveryPass
{
    private static readonly TimeSpan Pause = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task AFailedPassIsReportedAndTheNextWaitsForTheInterval()
    {
        var time = new ManualTimeProvider();
        using var stopping = new CancellationTokenSource();
        var passes = 0;
        var failures = new List<Exception>();
        var loop = JobLoop.RunAsync(_ =>
        {
            if (Interlocked.Increment(ref passes) == 1)
            {
                throw new InvalidOperationException("the store is away");
            }

            stopping.Cancel();
            return Task.CompletedTask;
        }, Pause, time, failures.Add, stopping.Token);

        await WaitUntilAsync(() => time.RequestedDelays.Count == 1);
        Assert.Equal(1, Volatile.Read(ref passes));
        Assert.Equal("the store is away", Assert.Single(failures).Message);
        Assert.Equal(Pause, Assert.Single(time.RequestedDelays));

        time.Advance(Pause);
        await loop.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, Volatile.Read(ref passes));
        Assert.Single(failures);
    }

    /// <summary>
    /// A pass that fails with an exception nobody expected (a bug in one step, a timeout the host did not ask for) is
    /// reported too, and the job goes on: it never ends unseen while the host runs.
    /// </summary>
    [Theory]
    [InlineData(typeof(NotSupportedException))]
    [InlineData(typeof(NullReferenceException))]
    [InlineData(typeof(TaskCanceledException))]
    public async Task AnUnexpectedFailureIsReportedAndTheJobGoesOn(Type failure)
    {
        var time = new ManualTimeProvider();
        using var stopping = new CancellationTokenSource();
        var passes = 0;
        var failures = new List<Exception>();
        var loop = JobLoop.RunAsync(_ =>
        {
            if (Interlocked.Increment(ref passes) == 1)
            {
                throw (Exception)Activator.CreateInstance(failure, "one pass went wrong")!;
            }

            stopping.Cancel();
            return Task.CompletedTask;
        }, Pause, time, failures.Add, stopping.Token);

        await WaitUntilAsync(() => time.RequestedDelays.Count == 1 || loop.IsCompleted);
        Assert.False(loop.IsCompleted, "the loop ended after the failed pass");
        Assert.IsType(failure, Assert.Single(failures));

        time.Advance(Pause);
        await loop.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, Volatile.Read(ref passes));
    }

    [Fact]
    public async Task AHostThatStopsEndsTheLoopWithoutAReport()
    {
        var failures = new List<Exception>();

        await JobLoop.RunAsync(_ => throw new ObjectDisposedException("services"), Pause, new ManualTimeProvider(), failures.Add,
            CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(failures);
    }

    /// <summary>Waits (without measuring anything) until the loop has reached its pause.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, patience.Token);
        }
    }
}

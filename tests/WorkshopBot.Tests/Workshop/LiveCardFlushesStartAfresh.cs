using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Workshop;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// A live card's flushes run on the coalescer's timers, long after the request that marked the change was answered. They
/// must not carry that request's async-local state: a flow that had a send deadline or a bound on rate-limit waits (the
/// outbox sets both around its sends) would otherwise hand them, expired, to every later flush of the conversation's card,
/// and the connector would refuse those sends or give up waiting for their slot.
/// </summary>
public sealed class LiveCardFlushesStartAfresh
{
    [Fact]
    public async Task AFlushCarriesNoDeadlineOfTheFlowThatMarkedTheChange()
    {
        var time = TimeProvider.System;
        var deadline = new SendDeadline(time, Options.Create(new BotConnectorOptions()));
        var sender = new Sender(deadline);
        var services = new ServiceCollection().AddSingleton<IPollCardSender>(sender).BuildServiceProvider();
        var options = Options.Create(new WorkshopOptions { CardUpdateInterval = TimeSpan.FromMilliseconds(50) });
        using var coalescer = new LiveCardCoalescer(time, services.GetRequiredService<IServiceScopeFactory>(),
            new LiveCardCoalescerIdleLanes.AlwaysFree(), options, NullLogger<LiveCardCoalescer>.Instance);
        var workshop = Guid.NewGuid();

        using (deadline.Begin(time.GetUtcNow() - TimeSpan.FromSeconds(1)))
        using (deadline.LimitWaits(time.GetUtcNow() - TimeSpan.FromSeconds(1)))
        using (deadline.BeginTurn(TimeSpan.FromSeconds(4)))
        {
            coalescer.MarkChanged("conv-1", workshop, "p1");
            await sender.WaitForAsync(1);
            coalescer.MarkChanged("conv-1", workshop, "p2");
        }

        await sender.WaitForAsync(2);
        Assert.Equal(["p1", "p2"], sender.Polls);
        Assert.All(sender.Seen, seen => Assert.Equal((null, null, null), seen));
    }

    /// <summary>Records each card sent and what the send deadline said in the flow that sent it.</summary>
    private sealed class Sender(SendDeadline deadline) : IPollCardSender
    {
        private readonly Lock _gate = new();
        private readonly List<string> _polls = [];
        private readonly List<(DateTimeOffset?, TimeSpan?, TimeSpan?)> _seen = [];

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

        public IReadOnlyList<(DateTimeOffset? Deadline, TimeSpan? RoomToWait, TimeSpan? UntilAnswer)> Seen
        {
            get
            {
                lock (_gate)
                {
                    return [.. _seen];
                }
            }
        }

        public Task SendAsync(Guid workshopId, string pollId, bool afterFailure, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _polls.Add(pollId);
                _seen.Add((deadline.Current, deadline.RoomToWait(), deadline.UntilAnswer()));
            }

            return Task.CompletedTask;
        }

        public async Task WaitForAsync(int count)
        {
            for (var i = 0; i < 1000 && Polls.Count < count; i++)
            {
                await Task.Delay(5);
            }

            Assert.Equal(count, Polls.Count);
        }
    }
}

using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// <see cref="DocumentGates"/> queues a change to a document behind the work that holds it until that work commits or is
/// abandoned, lets the holder in again at once, and never makes changes to different documents wait for each other.
/// </summary>
public sealed class DocumentGatesQueueChanges
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AChangeToADocumentWaitsUntilTheWorkHoldingItCommits()
    {
        var gates = new DocumentGates();
        var first = new UnitOfWork();
        await gates.EnterAsync(first, "workshops", "w-1", CancellationToken.None);

        var second = new UnitOfWork();
        var waiting = gates.EnterAsync(second, "workshops", "w-1", CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        // The holder itself goes on without waiting.
        Assert.True(gates.EnterAsync(first, "workshops", "w-1", CancellationToken.None).IsCompletedSuccessfully);
        Assert.Equal(1, gates.InFlight);

        first.Committed();
        await waiting.WaitAsync(Patience);
        Assert.True(second.Holds("workshops", "w-1"));
        Assert.False(first.Holds("workshops", "w-1"));

        // Committed twice by mistake, the gate still admits one work at a time.
        first.Committed();
        Assert.False(gates.EnterAsync(new UnitOfWork(), "workshops", "w-1", CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task ThousandsOfDocumentsChangedAtOnceNeverWaitForEachOther()
    {
        // 1,024 locks chosen by hash made most of these 10,000 wait up to 3 s for an unrelated document's work; a turn
        // placed inside another turn (a seam in a test) waited whenever its document met its host's on one lock.
        var gates = new DocumentGates();
        var works = Enumerable.Range(0, 10_000).Select(_ => new UnitOfWork()).ToList();
        var entered = works
            .Select((work, i) => gates.EnterAsync(work, i % 2 == 0 ? "workshops" : "ballots", "d-" + i, CancellationToken.None))
            .ToList();

        Assert.Equal(0, entered.Count(t => !t.IsCompleted));
        Assert.Equal(10_000, gates.InFlight);
        await Task.WhenAll(entered).WaitAsync(Patience);
        Assert.Equal(10_000, works.Select((work, i) => work.Holds(i % 2 == 0 ? "workshops" : "ballots", "d-" + i)).Count(h => h));

        foreach (var work in works)
        {
            work.Committed();
        }

        Assert.Equal(0, gates.InFlight);
    }

    [Fact]
    public async Task AWorkHoldingManyDocumentsStillWaitsForAnotherThatIsHeld()
    {
        // With 1,024 locks chosen by hash, these 10,000 documents of one work met the held document's lock (the work then
        // waited for an unrelated document), and the work counted as already holding the held document itself. Entered in
        // the order of their ids, as DocumentGates asks of the gates of one kind.
        var gates = new DocumentGates();
        var holder = new UnitOfWork();
        await gates.EnterAsync(holder, "workshops", "w-2", CancellationToken.None);
        var other = new UnitOfWork();
        var many = Enumerable.Range(0, 10_000)
            .Select(i => gates.EnterAsync(other, "ballots", $"b-{i:D5}", CancellationToken.None))
            .ToList();
        Assert.Equal(0, many.Count(t => !t.IsCompleted));

        var waiting = gates.EnterAsync(other, "workshops", "w-2", CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        Assert.False(other.Holds("workshops", "w-2"));

        holder.Abandon();
        await waiting.WaitAsync(Patience);
        Assert.True(other.Holds("workshops", "w-2"));
        Assert.Equal(10_001, gates.InFlight);

        // A conflict's fresh run (Reset) lets go of everything the work held.
        other.Reset();
        Assert.Equal(0, gates.InFlight);
    }

    [Fact]
    public async Task AWaitingChangeCancelledLeavesNothingBehind()
    {
        var gates = new DocumentGates();
        var first = new UnitOfWork();
        await gates.EnterAsync(first, "workshops", "w-4", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var second = new UnitOfWork();
        var waiting = gates.EnterAsync(second, "workshops", "w-4", cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.False(second.Holds("workshops", "w-4"));
        Assert.Equal(1, gates.InFlight);

        first.Abandon();
        Assert.Equal(0, gates.InFlight);
        var third = new UnitOfWork();
        await gates.EnterAsync(third, "workshops", "w-4", CancellationToken.None).WaitAsync(Patience);
        Assert.True(third.Holds("workshops", "w-4"));
        Assert.Equal(1, gates.InFlight);
    }

    [Fact]
    public async Task AWaitLongerThanMaxWaitGoesAheadWithoutTheGateAndLeavesNothingBehind()
    {
        var gates = new DocumentGates();
        var first = new UnitOfWork();
        await gates.EnterAsync(first, "workshops", "w-5", CancellationToken.None);

        var second = new UnitOfWork();
        var clock = Stopwatch.StartNew();
        await gates.EnterAsync(second, "workshops", "w-5", CancellationToken.None).WaitAsync(Patience);

        // Only a lower bound on the wait: a loaded machine may take longer, never shorter.
        Assert.True(clock.Elapsed >= DocumentGates.MaxWait - TimeSpan.FromMilliseconds(100), $"went ahead after {clock.Elapsed}");
        Assert.False(second.Holds("workshops", "w-5"));
        Assert.Equal(1, gates.InFlight);

        // The work that went ahead without the gate releases nothing of the holder's when it commits.
        second.Committed();
        using var cancel = new CancellationTokenSource();
        var probe = gates.EnterAsync(new UnitOfWork(), "workshops", "w-5", cancel.Token);
        Assert.False(probe.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe);

        first.Committed();
        var third = new UnitOfWork();
        await gates.EnterAsync(third, "workshops", "w-5", CancellationToken.None).WaitAsync(Patience);
        Assert.True(third.Holds("workshops", "w-5"));
    }

    [Fact]
    public async Task AWorkLeftUncommittedReleasesItsGatesWhenItsScopeEnds()
    {
        // An endpoint or job step that throws before its commit leaves the work neither committed nor abandoned; the
        // scope's end must still free the document for the next work, not leave it to wait out MaxWait every time.
        var services = new ServiceCollection();
        services.AddSingleton<DocumentGates>();
        services.AddScoped<UnitOfWork>();
        await using var provider = services.BuildServiceProvider();
        var gates = provider.GetRequiredService<DocumentGates>();
        await using (var scope = provider.CreateAsyncScope())
        {
            var work = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
            await gates.EnterAsync(work, "workshops", "w-6", CancellationToken.None);
            Assert.Equal(1, gates.InFlight);
        }

        Assert.Equal(0, gates.InFlight);
        var next = new UnitOfWork();
        Assert.True(gates.EnterAsync(next, "workshops", "w-6", CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(next.Holds("workshops", "w-6"));
    }

    /// <summary>
    /// The one order within a kind (see DocumentGates): a gate asked for below one of its kind the work holds is refused in a
    /// debug build (the tests), so a turn that does it fails its tests; other kinds, the holder's own gates, and a set of one
    /// kind entered in the order of their ids are not.
    /// </summary>
    [Fact]
    public async Task AGateBelowOneOfItsKindAlreadyHeldIsRefusedInTheTests()
    {
        var gates = new DocumentGates();
        var work = new UnitOfWork();
        await gates.EnterAsync(work, "audits", "z-9", CancellationToken.None);
        await gates.EnterAsync(work, "workshops", "w-7", CancellationToken.None);
        await gates.EnterAsync(work, "actions", "a-1", CancellationToken.None);
        await gates.EnterAsync(work, "workshops", "w-7", CancellationToken.None);
        await gates.EnterInOrderAsync(work, "returns", ["r-3", "r-1", "r-2", "r-1"], CancellationToken.None);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => gates.EnterAsync(work, "workshops", "w-3", CancellationToken.None));
        Assert.Contains("workshops", refused.Message, StringComparison.Ordinal);
        Assert.False(work.Holds("workshops", "w-3"));
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => gates.EnterInOrderAsync(work, "returns", ["r-0"], CancellationToken.None));
        Assert.Equal(["r-1", "r-2", "r-3"], new[] { "r-1", "r-2", "r-3" }.Where(id => work.Holds("returns", id)));
        Assert.Equal(6, gates.InFlight);
        work.Committed();
        Assert.Equal(0, gates.InFlight);
    }

    /// <summary>
    /// Two works that need the same two documents of one kind, one listing them the other way round, entered in the order of
    /// their ids: the second waits at the lower one's gate holding nothing of that kind, the first goes on to the higher one
    /// at once, and nothing waits the 3 s out.
    /// </summary>
    [Fact]
    public async Task TwoWorksNeedingTheSameTwoDocumentsInOppositeOrdersMeetAtTheLowerOne()
    {
        var gates = new DocumentGates();
        var first = new UnitOfWork();
        await gates.EnterAsync(first, "action-plans", "p-1", CancellationToken.None);

        var second = new UnitOfWork();
        var waiting = gates.EnterInOrderAsync(second, "action-plans", ["p-2", "p-1"], CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        Assert.False(second.Holds("action-plans", "p-2"));

        await gates.EnterInOrderAsync(first, "action-plans", ["p-2", "p-1"], CancellationToken.None).WaitAsync(Patience);
        Assert.True(first.Holds("action-plans", "p-2"));
        first.Committed();
        await waiting.WaitAsync(Patience);
        Assert.True(second.Holds("action-plans", "p-1") && second.Holds("action-plans", "p-2"));
        Assert.Equal(0, gates.WentAheadUnqueued);
        second.Committed();
    }

    /// <summary>
    /// A release build does not refuse a gate asked for out of that order: it takes it only if free and never waits for it, as
    /// the turn holding it may be waiting for the gate this work holds; the version check still decides.
    /// </summary>
    [Fact]
    public async Task OutOfOrderInAReleaseBuildTheGateIsTakenOnlyIfFree()
    {
        var gates = new DocumentGates { RefusesOutOfOrder = false };
        var holder = new UnitOfWork();
        await gates.EnterAsync(holder, "workshops", "w-1", CancellationToken.None);
        var work = new UnitOfWork();
        await gates.EnterAsync(work, "workshops", "w-2", CancellationToken.None);

        Assert.True(gates.EnterAsync(work, "workshops", "w-1", CancellationToken.None).IsCompletedSuccessfully);
        Assert.False(work.Holds("workshops", "w-1"));
        Assert.Equal(1, gates.WentAheadUnqueued);
        Assert.True(gates.EnterAsync(work, "workshops", "w-0", CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(work.Holds("workshops", "w-0"));

        holder.Committed();
        work.Committed();
        Assert.Equal(0, gates.InFlight);
    }
}

using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// Where a test steps into the real outbox store the bot uses: before an attempt is marked started (to let another
/// instance take the message over, as a slow send would), or to make a call fail as a store outage does.
/// </summary>
public sealed class OutboxSeams
{
    /// <summary>Runs after a batch is claimed, before any of it is sent (e.g. to let time pass as a busy instance's would).</summary>
    public Func<IReadOnlyList<OutboxMessage>, Task>? AfterClaimed { get; set; }

    /// <summary>Runs, with the real store, before the dispatcher marks an attempt started.</summary>
    public Func<IOutboxStore, long, Task>? BeforeAttemptStarted { get; set; }

    /// <summary>An exception to throw instead of marking an attempt started (null: go on).</summary>
    public Func<long, Exception?>? AttemptStartedFault { get; set; }

    /// <summary>An exception to throw instead of marking a message sent (null: go on).</summary>
    public Func<long, Exception?>? MarkSentFault { get; set; }

    /// <summary>An exception to throw instead of storing the dispatcher's beat (null: go on).</summary>
    public Func<Exception?>? BeatFault { get; set; }

    /// <summary>How often the dispatcher tried to mark each message sent.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<long, int> MarkSentCalls { get; } = new();

    /// <summary>Wraps the bot's registered outbox store (for <see cref="BotTestHostOptions.Services"/>).</summary>
    public void Install(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IOutboxStore) && !d.IsKeyedService);
        services.Remove(registered);
        services.AddSingleton<IOutboxStore>(sp => new SeamedOutboxStore(
            (IOutboxStore)(registered.ImplementationInstance ?? registered.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)),
            this));
    }
}

/// <summary>The real outbox store with <see cref="OutboxSeams"/> in front of it.</summary>
internal sealed class SeamedOutboxStore(IOutboxStore inner, OutboxSeams seams) : IOutboxStore
{
    public Task<OutboxMessage> EnqueueAsync(NewOutboxMessage message, CancellationToken cancellationToken = default) =>
        inner.EnqueueAsync(message, cancellationToken);

    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, string owner,
        CancellationToken cancellationToken = default)
    {
        var claimed = await inner.ClaimDueAsync(now, max, lease, owner, cancellationToken);
        if (seams.AfterClaimed is { } after)
        {
            await after(claimed);
        }

        return claimed;
    }

    public Task<bool> MarkSentAsync(long id, string owner, string? sentActivityId, string? resultConversationId, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        seams.MarkSentCalls.AddOrUpdate(id, 1, (_, n) => n + 1);
        return seams.MarkSentFault?.Invoke(id) is { } fault
            ? Task.FromException<bool>(fault)
            : inner.MarkSentAsync(id, owner, sentActivityId, resultConversationId, at, cancellationToken);
    }

    public Task<bool> ForgetSentAsync(long id, string owner, CancellationToken cancellationToken = default)
    {
        seams.MarkSentCalls.AddOrUpdate(id, 1, (_, n) => n + 1);
        return seams.MarkSentFault?.Invoke(id) is { } fault
            ? Task.FromException<bool>(fault)
            : inner.ForgetSentAsync(id, owner, cancellationToken);
    }

    public Task<bool> MarkBlockedAsync(long id, string owner, string reason, DateTimeOffset at,
        CancellationToken cancellationToken = default) => inner.MarkBlockedAsync(id, owner, reason, at, cancellationToken);

    public Task<bool> MarkFailedAsync(long id, string owner, string error, DateTimeOffset at,
        CancellationToken cancellationToken = default) => inner.MarkFailedAsync(id, owner, error, at, cancellationToken);

    public Task<bool> RescheduleAsync(long id, string owner, DateTimeOffset nextAttemptAt, string error, DateTimeOffset at,
        CancellationToken cancellationToken = default) =>
        inner.RescheduleAsync(id, owner, nextAttemptAt, error, at, cancellationToken);

    public Task<OutboxMessage?> GetAsync(long id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> ClaimByKeysAsync(IReadOnlyCollection<string> dedupeKeys, DateTimeOffset now,
        TimeSpan lease, string owner, CancellationToken cancellationToken = default) =>
        inner.ClaimByKeysAsync(dedupeKeys, now, lease, owner, cancellationToken);

    public Task<OutboxMessage?> FindByDedupeKeyAsync(string dedupeKey, CancellationToken cancellationToken = default) =>
        inner.FindByDedupeKeyAsync(dedupeKey, cancellationToken);

    public async Task<bool> MarkAttemptStartedAsync(long id, string owner, DateTimeOffset at, DateTimeOffset leaseUntil,
        CancellationToken cancellationToken = default)
    {
        if (seams.BeforeAttemptStarted is { } before)
        {
            await before(inner, id);
        }

        if (seams.AttemptStartedFault?.Invoke(id) is { } fault)
        {
            throw fault;
        }

        return await inner.MarkAttemptStartedAsync(id, owner, at, leaseUntil, cancellationToken);
    }

    public Task<UpdateTurn> TakeUpdateTurnAsync(long id, string owner, DateTimeOffset now,
        CancellationToken cancellationToken = default) => inner.TakeUpdateTurnAsync(id, owner, now, cancellationToken);

    public Task<bool> PostponeAsync(long id, string owner, DateTimeOffset nextAttemptAt, DateTimeOffset at,
        CancellationToken cancellationToken = default) => inner.PostponeAsync(id, owner, nextAttemptAt, at, cancellationToken);

    public Task<int> BringForwardAsync(DateTimeOffset postponedTo, DateTimeOffset now,
        CancellationToken cancellationToken = default) => inner.BringForwardAsync(postponedTo, now, cancellationToken);

    public Task<(int Released, int Started)> ReleaseOwnedAsync(string instance, string owner, DateTimeOffset now,
        DateTimeOffset aliveSince, CancellationToken cancellationToken = default) =>
        inner.ReleaseOwnedAsync(instance, owner, now, aliveSince, cancellationToken);

    public Task<int> BeatRunAsync(string instance, string owner, DateTimeOffset now, DateTimeOffset aliveSince,
        CancellationToken cancellationToken = default) => seams.BeatFault?.Invoke() is { } fault
            ? Task.FromException<int>(fault)
            : inner.BeatRunAsync(instance, owner, now, aliveSince, cancellationToken);

    public Task EndRunAsync(string owner, CancellationToken cancellationToken = default) =>
        inner.EndRunAsync(owner, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> ListByCorrelationAsync(string correlationId,
        CancellationToken cancellationToken = default) => inner.ListByCorrelationAsync(correlationId, cancellationToken);

    public Task<long> CountPendingAsync(CancellationToken cancellationToken = default) => inner.CountPendingAsync(cancellationToken);

    public Task<int> ForgetContentAsync(DateTimeOffset completedBefore, CancellationToken cancellationToken = default) =>
        inner.ForgetContentAsync(completedBefore, cancellationToken);

    public Task<int> WithdrawUnsentAsync(IReadOnlyCollection<string> postedKeys, IReadOnlyCollection<string> keep, DateTimeOffset now,
        CancellationToken cancellationToken = default) =>
        inner.WithdrawUnsentAsync(postedKeys, keep, now, cancellationToken);

    public Task<int> GiveUpUnsentAsync(DateTimeOffset queuedBefore, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.GiveUpUnsentAsync(queuedBefore, now, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> ListUnreportedAsync(DateTimeOffset completedFrom, DateTimeOffset completedBefore, int max,
        CancellationToken cancellationToken = default) =>
        inner.ListUnreportedAsync(completedFrom, completedBefore, max, cancellationToken);

    public Task<bool> MarkReportedAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        inner.MarkReportedAsync(id, at, cancellationToken);
}

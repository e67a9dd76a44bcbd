using System.Collections.Concurrent;
using WorkshopBot.Storage;

namespace WorkshopBot.Operations.Telemetry;

/// <summary>
/// The outbox store as the dispatcher uses it, counting each recorded outcome by message kind and reporting messages
/// that failed for good (<see cref="FailedMessageAlerts"/>). Remembers the messages it handed out until their outcome
/// is recorded, so nothing is read twice.
/// </summary>
internal sealed class ObservedOutboxStore(IOutboxStore inner, BotMetrics metrics, IServiceProvider services) : IOutboxStore
{
    private readonly ConcurrentDictionary<long, OutboxMessage> _claimed = new();

    public Task<OutboxMessage> EnqueueAsync(NewOutboxMessage message, CancellationToken cancellationToken = default) =>
        inner.EnqueueAsync(message, cancellationToken);

    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, string owner,
        CancellationToken cancellationToken = default) =>
        Remember(await inner.ClaimDueAsync(now, max, lease, owner, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<OutboxMessage>> ClaimByKeysAsync(IReadOnlyCollection<string> dedupeKeys, DateTimeOffset now,
        TimeSpan lease, string owner, CancellationToken cancellationToken = default) =>
        Remember(await inner.ClaimByKeysAsync(dedupeKeys, now, lease, owner, cancellationToken).ConfigureAwait(false));

    public async Task<bool> MarkSentAsync(long id, string owner, string? sentActivityId, string? resultConversationId, DateTimeOffset at,
        CancellationToken cancellationToken = default) =>
        Outcome(id, "sent", await inner.MarkSentAsync(id, owner, sentActivityId, resultConversationId, at, cancellationToken)
            .ConfigureAwait(false));

    public async Task<bool> ForgetSentAsync(long id, string owner, CancellationToken cancellationToken = default) =>
        Outcome(id, "sent", await inner.ForgetSentAsync(id, owner, cancellationToken).ConfigureAwait(false));

    public async Task<bool> MarkBlockedAsync(long id, string owner, string reason, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        var marked = await inner.MarkBlockedAsync(id, owner, reason, at, cancellationToken).ConfigureAwait(false);
        await UndeliverableAsync(id, "blocked", marked, OutboxStatus.Blocked, cancellationToken).ConfigureAwait(false);
        return marked;
    }

    public async Task<bool> MarkFailedAsync(long id, string owner, string error, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        var marked = await inner.MarkFailedAsync(id, owner, error, at, cancellationToken).ConfigureAwait(false);
        await UndeliverableAsync(id, "failed", marked, OutboxStatus.Failed, cancellationToken).ConfigureAwait(false);
        return marked;
    }

    public async Task<bool> RescheduleAsync(long id, string owner, DateTimeOffset nextAttemptAt, string error, DateTimeOffset at,
        CancellationToken cancellationToken = default) =>
        Outcome(id, "rescheduled", await inner.RescheduleAsync(id, owner, nextAttemptAt, error, at, cancellationToken)
            .ConfigureAwait(false));

    public Task<OutboxMessage?> GetAsync(long id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public Task<OutboxMessage?> FindByDedupeKeyAsync(string dedupeKey, CancellationToken cancellationToken = default) =>
        inner.FindByDedupeKeyAsync(dedupeKey, cancellationToken);

    public async Task<bool> MarkAttemptStartedAsync(long id, string owner, DateTimeOffset at, DateTimeOffset leaseUntil,
        CancellationToken cancellationToken = default)
    {
        var started = await inner.MarkAttemptStartedAsync(id, owner, at, leaseUntil, cancellationToken).ConfigureAwait(false);
        if (!started)
        {
            // Another instance holds it now: this one records no outcome for it.
            _claimed.TryRemove(id, out _);
        }

        return started;
    }

    public async Task<UpdateTurn> TakeUpdateTurnAsync(long id, string owner, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var turn = await inner.TakeUpdateTurnAsync(id, owner, now, cancellationToken).ConfigureAwait(false);
        if (turn == UpdateTurn.Superseded)
        {
            Outcome(id, "superseded", true);
        }

        return turn;
    }

    public async Task<bool> PostponeAsync(long id, string owner, DateTimeOffset nextAttemptAt, DateTimeOffset at,
        CancellationToken cancellationToken = default) =>
        Outcome(id, "postponed", await inner.PostponeAsync(id, owner, nextAttemptAt, at, cancellationToken).ConfigureAwait(false));

    public Task<int> BringForwardAsync(DateTimeOffset postponedTo, DateTimeOffset now,
        CancellationToken cancellationToken = default) => inner.BringForwardAsync(postponedTo, now, cancellationToken);

    public Task<(int Released, int Started)> ReleaseOwnedAsync(string instance, string owner, DateTimeOffset now,
        DateTimeOffset aliveSince, CancellationToken cancellationToken = default) =>
        inner.ReleaseOwnedAsync(instance, owner, now, aliveSince, cancellationToken);

    public Task<int> BeatRunAsync(string instance, string owner, DateTimeOffset now, DateTimeOffset aliveSince,
        CancellationToken cancellationToken = default) => inner.BeatRunAsync(instance, owner, now, aliveSince, cancellationToken);

    public Task EndRunAsync(string owner, CancellationToken cancellationToken = default) =>
        inner.EndRunAsync(owner, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> ListByCorrelationAsync(string correlationId, CancellationToken cancellationToken = default) =>
        inner.ListByCorrelationAsync(correlationId, cancellationToken);

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

    private IReadOnlyList<OutboxMessage> Remember(IReadOnlyList<OutboxMessage> claimed)
    {
        foreach (var message in claimed)
        {
            _claimed[message.Id] = message;
        }

        return claimed;
    }

    private bool Outcome(long id, string outcome, bool recorded)
    {
        if (_claimed.TryRemove(id, out var message) && recorded)
        {
            metrics.OutboxOutcome(MessageKind.Of(message).Kind, outcome);
        }

        return recorded;
    }

    private async Task UndeliverableAsync(long id, string outcome, bool recorded, OutboxStatus status, CancellationToken cancellationToken)
    {
        _claimed.TryGetValue(id, out var message);
        Outcome(id, outcome, recorded);
        if (!recorded)
        {
            return;
        }

        message ??= await inner.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (message is not null)
        {
            await services.GetRequiredService<FailedMessageAlerts>().ReportAsync(message, status, CancellationToken.None)
                .ConfigureAwait(false);
        }
    }
}

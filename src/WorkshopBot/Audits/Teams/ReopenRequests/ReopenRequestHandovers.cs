// The audit's chair handed over while representatives' requests to reopen a return are pending: the new chair is sent each
// request at once, able to answer it; the chair before, who no longer can, has the request's cards replaced by one that shows
// nothing of it.
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// What a handover did to the audit's pending reopen requests: how many there were, how many went to the new chair, and the
/// chair before's request cards being replaced (the messages that posted them, and the updates that replace them), for the
/// caller to give up whatever else is still queued to post or update them in the same unit of work.
/// </summary>
public sealed record RequestsHandedOver(int Pending, int SentToNewChair, IReadOnlyList<string> Posted, IReadOnlyList<string> Updates);

/// <summary>Moves the pending requests to reopen a submitted return to the new chair when the audit's chair is handed over.</summary>
public sealed class ReopenRequestHandovers(AuditStore store, AuditMessenger messenger, IOutboxStore outboxStore)
{
    /// <summary>Ends the key of the update that replaces a request's card in the chat of the chair who handed over.</summary>
    public const string HandedOverSuffix = ":handed-over";

    /// <summary>
    /// After the audit's chair was handed over (<paramref name="after"/>): each pending request is sent to the new chair once
    /// (its key names the handover), and every card of it the bot sent before, to the chair before or to one before them,
    /// and not yet replaced, is replaced by <see cref="ReopenRequestsCard.HandedOver"/>. Cards that failed for good were
    /// never shown: there is nothing to replace.
    /// </summary>
    public async Task<RequestsHandedOver> HandOverAsync(Audit after, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(after);
        var returns = (await store.ListReturnsAsync(after.Id, ct).ConfigureAwait(false))
            .Select(r => r.Value).Where(r => r.ReopenRequests.Count > 0).ToList();
        var pending = returns.Sum(r => r.ReopenRequests.Count);
        var channel = pending == 0 ? null : (await store.GetChannelAsync(after.Id, ct).ConfigureAwait(false))?.Value;
        if (channel is null)
        {
            return new RequestsHandedOver(pending, 0, [], []);
        }

        var correlation = AuditMessenger.Correlation(after.Id);
        var messages = await outboxStore.ListByCorrelationAsync(correlation, ct).ConfigureAwait(false);
        var replaced = messages.Where(m => m.Kind == OutboxKind.Update && m.UpdateOfKey is { } of
                && m.DedupeKey == of + HandedOverSuffix)
            .Select(m => m.UpdateOfKey!).ToHashSet(StringComparer.Ordinal);
        var (sent, posted, updates) = (0, new List<string>(), new List<string>());
        foreach (var ret in returns)
        {
            foreach (var request in ret.ReopenRequests)
            {
                var key = AuditMessageKey.ReopenRequest(after.Id, ret.Id, request.At, after.ChairHandovers.Count).ToString();
                if (await messenger.SendToPersonAsync(channel, after.Chair, ReopenRequestsCard.HandedToNewChair(after, ret, request),
                    key, correlation, ct).ConfigureAwait(false) is not null)
                {
                    sent++;
                }

                foreach (var card in messages.Where(m => IsCardOf(m, ret, request) && !replaced.Contains(m.DedupeKey)))
                {
                    posted.Add(card.DedupeKey);
                    updates.Add(await messenger.UpdatePostedAsync(channel, card.DedupeKey, ReopenRequestsCard.HandedOver(),
                        card.DedupeKey + HandedOverSuffix, correlation, ct).ConfigureAwait(false));
                }
            }
        }

        return new RequestsHandedOver(pending, sent, posted, updates);
    }

    /// <summary>
    /// A card of the request the bot queued to a chair's 1:1 chat, and not given up: the request itself (keyed by its time to
    /// the millisecond, or in whole seconds as stored before), or its copy to a chair at an earlier handover.
    /// </summary>
    private static bool IsCardOf(OutboxMessage message, AuditReturn ret, ReopenRequest request) =>
        message.Kind == OutboxKind.CreatePersonalConversation
        && message.Status is not (OutboxStatus.Failed or OutboxStatus.Blocked)
        && AuditMessageKey.Parse(message.DedupeKey) is { Kind: AuditMessageKind.ReopenRequest, Number: { } at } key
        && key.ReturnId == ret.Id
        && (at == request.At.ToUnixTimeMilliseconds() || (key.Handover is null && at == request.At.ToUnixTimeSeconds()));
}

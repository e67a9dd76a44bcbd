// The audit's chair handed over while representatives' requests to reopen a return are pending: the new chair is sent each
// request at once, able to answer it; the chair before, who no longer can, has the request's cards replaced by one that shows
// nothing of it (see ChairCardsHandedOver, shared with the action plan's sign-off requests).
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>Moves the pending requests to reopen a submitted return to the new chair when the audit's chair is handed over.</summary>
public sealed class ReopenRequestHandovers(AuditStore store, AuditMessenger messenger, IOutboxStore outboxStore)
{
    /// <summary>
    /// After the audit's chair was handed over (<paramref name="after"/>): each pending request is sent to the new chair once
    /// (its key names the handover), and every card of it the bot sent before, to the chair before or to one before them,
    /// and not yet replaced, is replaced by <see cref="ReopenRequestsCard.HandedOver"/>.
    /// </summary>
    public async Task<WorkHandedOver> HandOverAsync(Audit after, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(after);
        var returns = (await store.ListReturnsAsync(after.Id, ct).ConfigureAwait(false))
            .Select(r => r.Value).Where(r => r.ReopenRequests.Count > 0).ToList();
        var pending = returns.Sum(r => r.ReopenRequests.Count);
        var channel = pending == 0 ? null : (await store.GetChannelAsync(after.Id, ct).ConfigureAwait(false))?.Value;
        if (channel is null)
        {
            return WorkHandedOver.Nothing(pending);
        }

        var correlation = AuditMessenger.Correlation(after.Id);
        var cards = await ChairCardsHandedOver.ReadAsync(outboxStore, correlation, ct).ConfigureAwait(false);
        foreach (var ret in returns)
        {
            foreach (var request in ret.ReopenRequests)
            {
                var key = AuditMessageKey.ReopenRequest(after.Id, ret.Id, request.At, after.ChairHandovers.Count).ToString();
                cards.SentToNewChair(await messenger.SendToPersonAsync(channel, after.Chair,
                    ReopenRequestsCard.HandedToNewChair(after, ret, request), key, correlation, ct).ConfigureAwait(false));
                await cards.ReplaceAsync(k => IsCardOf(k, ret, request), (posted, update) => messenger.UpdatePostedAsync(channel,
                    posted, ReopenRequestsCard.HandedOver(), update, correlation, ct)).ConfigureAwait(false);
            }
        }

        return cards.Result(pending);
    }

    /// <summary>
    /// A card of the request the bot queued to a chair's 1:1 chat: the request itself (keyed by its time to the millisecond, or
    /// in whole seconds as stored before), or its copy to a chair at an earlier handover.
    /// </summary>
    private static bool IsCardOf(string dedupeKey, AuditReturn ret, ReopenRequest request) =>
        AuditMessageKey.Parse(dedupeKey) is { Kind: AuditMessageKind.ReopenRequest, Number: { } at } key
        && key.ReturnId == ret.Id
        && (at == request.At.ToUnixTimeMilliseconds() || (key.Handover is null && at == request.At.ToUnixTimeSeconds()));
}

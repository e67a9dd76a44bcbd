// The audit's chair handed over while actions wait for the chair's sign-off: the new chair is sent each one's request at once,
// able to review and sign it off; the chair before, who no longer can, has its request cards replaced by one that shows nothing
// of it (ChairCardsHandedOver, shared with the audit's reopen requests). The plan's chair is the audit's: the handover moves
// both in one unit of work, and the sign-off checks the plan's (ActionGuard.ForChairAsync).
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>Moves the actions waiting for sign-off to the new chair when the audit's chair is handed over.</summary>
public sealed class SignOffHandovers(ActionStore store, ActionMessenger messenger, IOutboxStore outboxStore, TimeProvider time)
{
    /// <summary>
    /// After the plan's chair was handed over (<paramref name="plan"/>, as changed) by the audit's <paramref name="handover"/>th
    /// handover: each action waiting for sign-off is sent to the new chair once (its key names the handover), and every
    /// request card of it the bot sent before, to the chair before or to one before them, and not yet replaced, is replaced
    /// by <see cref="SignOffCard.HandedOver"/>.
    /// </summary>
    public async Task<WorkHandedOver> HandOverAsync(ActionPlan plan, int handover, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var waiting = (await store.ListForAuditAsync(plan.AuditId, plan.TenantId, ct).ConfigureAwait(false))
            .Where(a => a.State == ActionState.AwaitingSignOff).ToList();
        if (waiting.Count == 0)
        {
            return WorkHandedOver.Nothing(0);
        }

        var today = EnglandTime.Today(time);
        var cards = await ChairCardsHandedOver.ReadAsync(outboxStore, ActionMessenger.Correlation(plan.AuditId), ct).ConfigureAwait(false);
        foreach (var action in waiting)
        {
            cards.SentToNewChair(await messenger.ToChairAsync(plan, action, SignOffCard.Request(action, today, plan.AuditTitle),
                $"{EvidencePurpose}:handover:{handover}", ct).ConfigureAwait(false));
            await cards.ReplaceAsync(key => IsRequestOf(key, action), (posted, update) => messenger.UpdatePostedAsync(plan, posted,
                SignOffCard.HandedOver(), update, ct)).ConfigureAwait(false);
        }

        return cards.Result(waiting.Count);
    }

    /// <summary>The purpose of the chair's sign-off request in its key (<see cref="ActionMessenger.ToChairAsync"/>).</summary>
    public const string EvidencePurpose = "evidence";

    /// <summary>
    /// A sign-off request card of the action queued to a chair ("action:{id}:evidence...:chair:v{version}"): for any evidence
    /// it was sent, or a copy to a chair at an earlier handover.
    /// </summary>
    private static bool IsRequestOf(string dedupeKey, PlannedAction action) =>
        dedupeKey.StartsWith($"action:{action.Id:D}:{EvidencePurpose}:", StringComparison.Ordinal)
        && dedupeKey.Contains(":chair:v", StringComparison.Ordinal);
}

// The audit's chair handed over after overdue notices were sent to the chair before: each such card in their 1:1 chat named
// the action, its lead and its owner, with the chair's "Extend, reassign or close" button, which they can no longer use. They
// are replaced by one that shows nothing of the action (ChairCardsHandedOver, as sign-off requests are). The new chair is not
// sent copies: the overdue notice is news of a day gone, and the plan and its tracker list every overdue action; their
// handover notice says how many there are.
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>Replaces the chair before's overdue notices when the audit's chair is handed over.</summary>
public sealed class OverdueNoticeHandovers(ActionStore store, ActionMessenger messenger, IOutboxStore outboxStore, TimeProvider time)
{
    /// <summary>
    /// After the plan's chair was handed over (<paramref name="plan"/>, as changed): every overdue notice the bot sent a chair
    /// before about any of the plan's actions, not yet replaced, is replaced by <see cref="HandedOver"/>. Its pending count is
    /// the plan's actions overdue today.
    /// </summary>
    public async Task<WorkHandedOver> HandOverAsync(ActionPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var actions = await store.ListForAuditAsync(plan.AuditId, plan.TenantId, ct).ConfigureAwait(false);
        var today = EnglandTime.Today(time);
        var cards = await ChairCardsHandedOver.ReadAsync(outboxStore, ActionMessenger.Correlation(plan.AuditId), ct).ConfigureAwait(false);
        foreach (var action in actions)
        {
            await cards.ReplaceAsync(key => IsChairNoticeOf(key, action), (posted, update) => messenger.UpdatePostedAsync(plan, posted,
                HandedOver(), update, ct)).ConfigureAwait(false);
        }

        return cards.Result(actions.Count(a => a.IsOverdue(today)));
    }

    /// <summary>What replaces an overdue notice in the chat of a chair who handed the audit over: nothing of the action.</summary>
    public static AdaptiveCard HandedOver() => NoticeCard.Create("Overdue action handed over",
        "You no longer chair the audit this action belongs to. The new chair can see it in the action plan and extend, reassign "
        + "or close it, and its details are no longer shown here.", Tone.Info);

    /// <summary>
    /// An overdue notice of the action queued to a chair ("action:{id}:overdue-{due}:chair:v{version}", see
    /// <see cref="ActionMessenger.ToChairAsync"/>), for any due date it had.
    /// </summary>
    private static bool IsChairNoticeOf(string dedupeKey, PlannedAction action) =>
        dedupeKey.StartsWith($"action:{action.Id:D}:overdue-", StringComparison.Ordinal)
        && dedupeKey.Contains(":chair:v", StringComparison.Ordinal);
}

// The audit's chair handed over while alerts are open: the new chair is sent each open alert at once and answers for it from
// then on; the chair before, who no longer does, has their alert cards replaced by one that shows nothing of the alert.
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// What a handover did to the audit's alerts: how many open alerts went to the new chair, and the old chair's alert cards
/// being replaced (the messages that posted them, and the updates that replace them), for the caller to give up whatever
/// else is still queued to post or update them in the same unit of work.
/// </summary>
public sealed record AlertsHandedOver(int Open, int SentToNewChair, IReadOnlyList<string> Posted, IReadOnlyList<string> Updates);

public sealed partial class SafetyAlerts
{
    private const string NewChairMessage = "You are now the chair of this audit. Nobody has acknowledged this alert yet, so it "
        + "is sent to you.";

    /// <summary>
    /// After the audit's chair was handed over from <paramref name="from"/> (<paramref name="after"/>): each unacknowledged alert is
    /// routed to the new chair and sent to them at once (unless they already had it as the agency's named lead), and every
    /// alert card the bot sent the chair before is replaced by <see cref="SafetyCard.HandedOver"/>, unless they still answer
    /// for that alert as its agency's named lead. Cards that failed for good were never shown: there is nothing to replace.
    /// </summary>
    public async Task<AlertsHandedOver> HandOverAsync(Audit after, PersonRef from, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(from);
        var to = after.Chair;
        var channel = (await store.GetChannelAsync(after.Id, ct).ConfigureAwait(false))?.Value;
        var escalations = await store.ListEscalationsAsync(after.Id, ct).ConfigureAwait(false);
        var messages = escalations.Count == 0 || channel is null
            ? []
            : await outboxStore.ListByCorrelationAsync(AuditMessenger.Correlation(after.Id), ct).ConfigureAwait(false);
        var (open, sent) = (0, 0);
        var posted = new List<string>();
        var updates = new List<string>();
        foreach (var listed in escalations)
        {
            var escalation = listed;
            if (!escalation.IsAcknowledged)
            {
                open++;
                var changed = await store.ChangeEscalationAsync(escalation.Id, e => e.RouteToChair(after), ct).ConfigureAwait(false);
                escalation = changed.Value ?? escalation;
                // Already sent it as the agency's named lead (the agencies do not change with the chair): not sent twice.
                var asLead = after.FindAgency(escalation.AgencyId)?.NamedLead?.IsSamePerson(to) == true;
                if (channel is not null && !asLead
                    && await messenger.SendToPersonAsync(channel, to, SafetyCard.Alert(after, escalation, NewChairMessage),
                        HandoverKey(escalation, to, after.ChairHandovers.Count), AuditMessenger.Correlation(after.Id), ct)
                        .ConfigureAwait(false) is not null)
                {
                    sent++;
                }
            }

            if (channel is null || StillAnswersFor(after, escalation, from))
            {
                continue;
            }

            foreach (var message in CardsOf(messages, escalation, from))
            {
                posted.Add(message.DedupeKey);
                updates.Add(await messenger.UpdatePostedAsync(channel, message.DedupeKey, SafetyCard.HandedOver(escalation),
                    message.DedupeKey + HandedOverSuffix, AuditMessenger.Correlation(after.Id), ct).ConfigureAwait(false));
            }
        }

        return new AlertsHandedOver(open, sent, posted, updates);
    }

    /// <summary>True when <paramref name="person"/> chaired the audit, no longer does, and is not otherwise sent the alert.</summary>
    public static bool HandedOverBy(Audit audit, SafetyEscalation escalation, PersonRef person)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return audit.WasChair(person) && !StillAnswersFor(audit, escalation, person);
    }

    private const string HandedOverSuffix = ChairCardsHandedOver.HandedOverSuffix;

    /// <summary>
    /// The key of the alert's copy to <paramref name="to"/>, made chair by the audit's <paramref name="handover"/>th handover.
    /// </summary>
    private static string HandoverKey(SafetyEscalation escalation, PersonRef to, int handover) =>
        UpdateKey(escalation, to, $"chair:{handover}");

    private static bool IsHandoverKey(SafetyEscalation escalation, PersonRef person, string key) =>
        key.StartsWith(UpdateKey(escalation, person, "chair:"), StringComparison.Ordinal);

    /// <summary>
    /// The cards of the alert the bot queued to <paramref name="person"/>'s 1:1 chat (the alert, its re-sends and updates) that
    /// were not given up and are not already replaced as handed over.
    /// </summary>
    private static IEnumerable<OutboxMessage> CardsOf(IReadOnlyList<OutboxMessage> messages, SafetyEscalation escalation,
        PersonRef person)
    {
        var prefix = $"safety:{escalation.Id:D}:{person.UserId}:";
        var replaced = messages.Where(m => m.Kind == OutboxKind.Update && m.UpdateOfKey is not null
                && m.DedupeKey.EndsWith(HandedOverSuffix, StringComparison.Ordinal))
            .Select(m => m.UpdateOfKey!).ToHashSet(StringComparer.Ordinal);
        return messages.Where(m => m.Kind == OutboxKind.CreatePersonalConversation
            && m.DedupeKey.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && m.Status is not (OutboxStatus.Failed or OutboxStatus.Blocked) && !replaced.Contains(m.DedupeKey));
    }
}

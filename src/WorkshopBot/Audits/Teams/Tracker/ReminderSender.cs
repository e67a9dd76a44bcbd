using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;

namespace WorkshopBot.Audits.Teams;

/// <summary>Reminds representatives of returns not yet submitted: on the chair's request, and automatically before the due date.</summary>
public sealed class ReminderSender(AuditStore store, AuditMessenger messenger)
{
    /// <summary>
    /// Reminds the representative of every return not yet submitted, once per <paramref name="round"/> (part of the
    /// dedupe key). Returns how many reminders were queued.
    /// </summary>
    public async Task<int> SendAsync(Audit audit, string round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        if (channel is null)
        {
            return 0;
        }

        var count = 0;
        var returns = await store.ListReturnsAsync(audit.Id, ct).ConfigureAwait(false);
        foreach (var ret in returns.Select(r => r.Value).Where(r => !r.IsReadOnly))
        {
            var rep = audit.FindAgency(ret.AgencyId)?.Representative;
            if (rep is null)
            {
                continue;
            }

            var due = CardKit.DateTime(audit.ReturnsDueAt);
            var open = CardKit.Go(ReturnsScreen.OpenReturn, new ReturnRefData(audit.Id, ret.Id, -1), "Open the audit tool",
                ActionStyle.Positive);
            var card = NoticeCard.Create($"Reminder: case {ret.CaseReference}",
                // The agency's name comes after "for": "Your return for The Havens", never "Your The Havens return".
                $"Your return for {CardKit.Literal(ret.AgencyName)} to the audit \"{CardKit.Literal(audit.Title)}\" is due {due} "
                    + "and has not been submitted yet.",
                Tone.Warning, open);
            var dedupeKey = $"audit:{audit.Id:D}:return:{ret.Id:D}:reminder:{round}";
            var sent = await messenger.SendToPersonAsync(channel, rep, card, dedupeKey, AuditMessenger.Correlation(audit.Id), ct)
                .ConfigureAwait(false);
            if (sent is not null)
            {
                count++;
            }
        }

        return count;
    }
}

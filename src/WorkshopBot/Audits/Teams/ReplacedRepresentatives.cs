using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Outbox;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// Cards queued to a person as an agency's representative are withdrawn, just before their send, when that person no longer
/// represents the agency: the chair replaced them while the cards waited in the outbox (sent together at issue, held back by
/// Teams' limits, a retry after an error). Those are the return's audit tool, its reminders, and the notices that it was
/// reopened or a request to reopen it declined, which go to the current representative of the return's agency; and the
/// notices of a new due date or workshop date, which go to whoever represents an agency of the audit. What the chair and
/// the named leads are sent, and every immediate-safety card, is never withdrawn here. The new representative is sent
/// their own tools when the chair saves them (<see cref="ToolDelivery.DeliverToAgencyAsync"/>), and a reminder withdrawn
/// here is sent to them instead while the return is still to come (<see cref="ReminderSender.RemindInsteadAsync"/>).
/// </summary>
public sealed class ReplacedRepresentatives(WorkRunner runner, TimeProvider time) : IOutboxAddressees
{
    /// <summary>The audit-log action of a withdrawal; its detail names the message, its kind and the agency, never what it said.</summary>
    public const string Withdrawn = "audit.message-withdrawn";

    public async Task<AddresseeCheck> CheckAsync(OutboxMessage message, string leaseOwner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (AuditMessageKey.Parse(message.DedupeKey) is not { IsToRepresentative: true } addressed)
        {
            return AddresseeCheck.Send;
        }

        // One unit of work: the withdrawal (fenced by the lease) and its audit-log line are stored together or not at all.
        // Its commit depends on the audit as read, so a representative chosen again meanwhile is decided on afresh.
        var outcome = await runner.RunAsync<AddresseeCheck?>(async (services, ct) =>
        {
            var store = services.GetRequiredService<AuditStore>();
            if (await store.GetAuditAsync(addressed.AuditId, ct).ConfigureAwait(false) is not { } read
                || (await store.GetChannelAsync(addressed.AuditId, ct).ConfigureAwait(false))?.Value is not { } channel)
            {
                return AddresseeCheck.Send;
            }

            var audit = read.Value;
            var messenger = services.GetRequiredService<AuditMessenger>();
            AuditReturn? ret = null;
            if (addressed.ReturnId is { } returnId)
            {
                ret = (await store.GetReturnAsync(returnId, ct).ConfigureAwait(false))?.Value;
                if (ret is null || ret.AuditId != audit.Id)
                {
                    return AddresseeCheck.Send;
                }
            }

            var agencyId = ret?.AgencyId;
            if (await messenger.IsRepresentativeAsync(audit, channel, agencyId, message.TargetUserId, ct).ConfigureAwait(false))
            {
                return AddresseeCheck.Send;
            }

            store.RequireUnchanged(read);
            services.GetRequiredService<UnitOfWork>().Store.WithdrawLeased(message.Id, leaseOwner, time.GetUtcNow());
            var (subject, subjectId) = ret is not null
                ? (AuditSubjects.Return, ret.Id.ToString("D"))
                : (AuditSubjects.Audit, AuditStore.Key(audit.Id));
            var trail = services.GetRequiredService<AuditTrail>();
            await trail.RecordForAsync(AuditSubjects.BotActor, audit.TenantId, Withdrawn, subject,
                subjectId, new { auditId = audit.Id, agency = agencyId, message = message.Id, kind = addressed.Word }, ct)
                .ConfigureAwait(false);

            // The new representative is reminded in the withdrawn reminder's place, in the same unit of work: a crash leaves
            // both done or neither. (Their tools went when the chair chose them; the other kinds were for the person replaced.)
            if (addressed is { Kind: AuditMessageKind.Reminder, Round: { } round } && ret is not null
                && await services.GetRequiredService<ReminderSender>().RemindInsteadAsync(audit, ret, round, channel, ct)
                    .ConfigureAwait(false))
            {
                await trail.RecordForAsync(AuditSubjects.BotActor, audit.TenantId, "audit.reminded", subject, subjectId,
                    new { auditId = audit.Id, agency = agencyId, round, insteadOf = message.Id }, ct).ConfigureAwait(false);
            }

            return AddresseeCheck.Withdrawn;
        }, cancellationToken).ConfigureAwait(false);

        // Never stored: another instance took the message over (or others kept changing the audit); not this one's to send.
        return outcome ?? AddresseeCheck.NotHeld;
    }
}

using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>The one guard of the chair's screens: only the audit's chair, or a partnership admin, works on an audit.</summary>
public sealed class ChairAccess(AuditStore store, Roles roles)
{
    /// <summary>
    /// The audit, when the person who acted chairs it or is an admin. The read is held to the turn's commit
    /// (<see cref="AuditStore.HoldAuditAsync"/>): when the audit changes before the turn commits (a chair handover, say),
    /// the turn runs again from fresh reads, so the check holds for the audit as it stands when the turn's own change
    /// commits. A chair replaced meanwhile is then refused like anyone else, on every chair screen, instead of changing the
    /// audit on the role they had when they pressed.
    /// </summary>
    public async Task<Guarded<Audit>> AuditAsync(TurnContext turn, Guid auditId, CancellationToken ct)
    {
        var audit = (await store.HoldAuditAsync(auditId, ct).ConfigureAwait(false))?.Value;
        if (audit is null)
        {
            return Guarded<Audit>.Refuse(NotFound);
        }

        return MayChair(audit, turn.Person())
            ? Guarded<Audit>.Allow(audit)
            : Guarded<Audit>.Refuse(NotFound);
    }

    /// <summary>True when <paramref name="person"/> chairs <paramref name="audit"/> or is a partnership admin.</summary>
    public bool MayChair(Audit audit, PersonRef person)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(person);
        return audit.IsChair(person) || roles.IsAdmin(person);
    }

    /// <summary>
    /// The answer when a change to an audit was not saved: the screen's card with the domain's refusal, or the
    /// dashboard with the one "someone else changed this" message when others kept changing the audit.
    /// </summary>
    public static InvokeResponse NotSaved<T>(Changed<Audit, T> changed, Func<Audit, string, AdaptiveCard> refused)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(refused);
        return changed switch
        {
            { Status: ChangeStatus.Refused, Value: { } audit } => Reply.Card(refused(audit, changed.Message)),
            { Value: { } audit } =>
                Reply.Card(DashboardCard.Dashboard(audit, message: DocumentChanges.ChangedElsewhere, tone: Tone.Warning)),
            _ => NotFound,
        };
    }

    /// <summary>Not there and not yours answer alike (see <see cref="Reply.NotAvailable"/>).</summary>
    private static InvokeResponse NotFound => Reply.NotAvailable();
}
